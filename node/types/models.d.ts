// The API's objects, exactly as the wire JSON: snake_case field names,
// timestamps as RFC 3339 strings. Objects also carry any field this SDK
// version does not know, and enumerations accept values it does not know
// (Genesis Cloud adds both inside v1 without notice).

/** An enumeration that also accepts values this SDK version does not know. */
type Open<T extends string> = T | (string & {})

/** A Genesis Cloud region. */
export type Region = Open<
  | 'EUC-DE-MUC-1'
  | 'EUW-GB-MNC-1'
  | 'EUW-NL-AMS-1'
  | 'NA-CA-FTS-1'
  | 'NA-CA-MNZ-1'
  | 'NA-CA-PRG-1'
  | 'NORD-NO-KRS-1'
>

/** The kind of an image (older accounts show other values). */
export type ImageType = Open<'cloud-image'>

/** An operating system family. */
export type OsType = Open<'linux' | 'windows'>

/** The status of an instance. */
export type InstanceStatus = Open<
  | 'active'
  | 'creating'
  | 'deleting'
  | 'error'
  | 'pending_payment'
  | 'resetting'
  | 'starting'
  | 'stopped'
  | 'stopping'
>

/** An action on an instance: `start` (from `stopped`), `stop` (from `active`, `starting`, `error`), `reset` (from `active`). */
export type InstanceAction = Open<'reset' | 'start' | 'stop'>

/** How an instance is billed. */
export type InstanceBillingType = Open<
  | 'on-demand'
  | 'prepaid-12-month'
  | 'prepaid-3-month'
  | 'prepaid-6-month'
  | 'prepaid-monthly'
  | 'reserved'
>

/** The status of a volume. */
export type VolumeStatus = Open<'created' | 'creating' | 'deleting' | 'error' | 'pending_delete'>

/** The storage class of a volume. */
export type VolumeType = Open<'hdd' | 'ssd'>

/** The status of a snapshot. */
export type SnapshotStatus = Open<'created' | 'creating' | 'deleting' | 'error' | 'pending_delete'>

/** The status of a filesystem. */
export type FilesystemStatus = Open<'created' | 'creating' | 'deleting' | 'error'>

/** The kind of a filesystem. */
export type FilesystemType = Open<'vast'>

/** The status of a floating IP. */
export type FloatingIpStatus = Open<'created' | 'creating' | 'deleting' | 'error'>

/** The IP version of a floating IP. */
export type FloatingIpVersion = Open<'ipv4' | 'ipv6'>

/** The status of a security group. */
export type SecurityGroupStatus = Open<'created' | 'creating' | 'deleting' | 'error'>

/** The direction of a security-group rule. */
export type SecurityGroupRuleDirection = Open<'egress' | 'ingress'>

/** The protocol of a security-group rule. */
export type SecurityGroupRuleProtocol = Open<'all' | 'icmp' | 'tcp' | 'udp'>

/** An RFC 3339 timestamp, exactly as the server wrote it. */
export type Timestamp = string

/** A reference to another resource, as embedded in an object. */
export interface ResourceRef {
  /** The referenced resource's id. */
  id: string
  /** The referenced resource's name. */
  name: string
}

/** An image an instance can boot from. */
export interface Image {
  /** The image's id. */
  id: string
  /** Display name. */
  name: string
  /** Kind of image. */
  type: ImageType
  /** Operating system family. */
  os_type: OsType
  /** Regions where the image is available. */
  regions: Region[]
  /** Short stable name, if any. */
  slug: string | null
  /** Image family, if any. */
  family: string | null
  /** Known versions, if any. */
  versions: string[] | null
  /** When the image was created. */
  created_at: Timestamp
  /** When the image was last changed. */
  updated_at: Timestamp
}

/** A virtual machine. */
export interface Instance {
  /** The instance's id. */
  id: string
  /** Display name. */
  name: string
  /** Host name inside the machine. */
  hostname: string
  /** DNS name of the machine. */
  dns_name: string
  /** Instance type, e.g. `vcpu-4_memory-12g_disk-80g_nvidia3080-1`. */
  type: string
  /** Lifecycle status. */
  status: InstanceStatus
  /** Region the instance runs in. */
  region: Region
  /** Operating system family. */
  os_type: OsType
  /** The image it was created from. */
  image: ResourceRef
  /** Placement option it was created with. */
  placement_option: string
  /** Private address, once assigned. */
  private_ip: string | null
  /** Public address, once assigned. */
  public_ip: string | null
  /** The attached floating IP, if any. */
  floating_ip: ResourceRef | null
  /** The reservation it runs under, if any. */
  reservation_id: string | null
  /** Security groups applied to it. */
  security_groups: ResourceRef[]
  /** SSH keys installed on it. */
  ssh_keys: ResourceRef[]
  /** Volumes attached to it. */
  volumes: ResourceRef[]
  /** Root disk size in GiB, when reported. */
  disk_size?: number
  /** When the instance was created. */
  created_at: Timestamp
  /** When the instance was last changed. */
  updated_at: Timestamp
}

/** The free-form metadata an instance was created with. */
export type UserMetadata = Record<string, unknown>

/** A disk snapshot of an instance, or an imported disk image. */
export interface Snapshot {
  /** The snapshot's id. */
  id: string
  /** Display name. */
  name: string
  /** Operating system family of the disk. */
  os_type: OsType
  /** Region the snapshot lives in. */
  region: Region
  /** Size in GiB. */
  size: number
  /** Lifecycle status. */
  status: SnapshotStatus
  /** The instance it was taken from, if any. */
  source_instance_id?: string
  /** The snapshot it was cloned from, if any. */
  source_snapshot_id?: string
  /** When the snapshot was created. */
  created_at: Timestamp
  /** When the snapshot was last changed. */
  updated_at: Timestamp
}

/** A block-storage volume. */
export interface Volume {
  /** The volume's id. */
  id: string
  /** Display name. */
  name: string
  /** Free-form description. */
  description: string
  /** Region the volume lives in. */
  region: Region
  /** Size in GiB. */
  size: number
  /** Lifecycle status. */
  status: VolumeStatus
  /** Storage class. */
  type: VolumeType
  /** Instances the volume is attached to. */
  instances: ResourceRef[]
  /** When the volume was created. */
  created_at: Timestamp
  /** When the volume was last changed. */
  updated_at: Timestamp
}

/** A shared network filesystem. */
export interface Filesystem {
  /** The filesystem's id. */
  id: string
  /** Display name. */
  name: string
  /** Free-form description. */
  description: string
  /** Region the filesystem lives in. */
  region: Region
  /** Size in GiB. */
  size: number
  /** Lifecycle status. */
  status: FilesystemStatus
  /** Kind of filesystem. */
  type: FilesystemType
  /** Base path to mount, once known. */
  mount_base_path: string | null
  /** Addresses to mount from, once known. */
  mount_endpoint_range: string[] | null
  /** When the filesystem was created. */
  created_at: Timestamp
  /** When the filesystem was last changed. */
  updated_at: Timestamp
}

/** One firewall rule. */
export interface SecurityGroupRule {
  /** Incoming or outgoing traffic. */
  direction: SecurityGroupRuleDirection
  /** Protocol the rule matches. */
  protocol: SecurityGroupRuleProtocol
  /** Lowest port, or null for all. */
  port_range_min: number | null
  /** Highest port, or null for all. */
  port_range_max: number | null
}

/** A set of firewall rules applied to instances. */
export interface SecurityGroup {
  /** The security group's id. */
  id: string
  /** Display name. */
  name: string
  /** Free-form description. */
  description: string
  /** Whether Genesis Cloud manages this group (the `default` one). */
  is_internal: boolean
  /** Region the group belongs to. */
  region: Region
  /** The firewall rules. */
  rules: SecurityGroupRule[]
  /** Lifecycle status. */
  status: SecurityGroupStatus
  /** When the group was created. */
  created_at: Timestamp
  /** When the group was last changed. */
  updated_at: Timestamp
}

/** A public SSH key that can be installed on new instances. */
export interface SshKey {
  /** The key's id. */
  id: string
  /** Display name. */
  name: string
  /** The public key, in OpenSSH format. */
  value: string
  /** The key's fingerprint. */
  fingerprint: string
  /** Key algorithm (`ssh-ed25519`, `ssh-rsa`, …). */
  type: string
  /** Key size in bits. */
  size: number
  /** When the key was added. */
  created_at: Timestamp
  /** When the key was last changed. */
  updated_at: Timestamp
}

/** A public IP address that can move between instances. */
export interface FloatingIp {
  /** The floating IP's id. */
  id: string
  /** Display name. */
  name: string
  /** Free-form description. */
  description: string
  /** The address, once assigned. */
  ip_address: string | null
  /** Whether the address is public. */
  is_public: boolean
  /** Region the address belongs to. */
  region: Region
  /** Lifecycle status. */
  status: FloatingIpStatus
  /** IP version. */
  version: FloatingIpVersion
  /** The instance the address is attached to, if any. */
  instance: ResourceRef | null
  /** When the floating IP was created. */
  created_at: Timestamp
  /** When the floating IP was last changed. */
  updated_at: Timestamp
}

/** Use of a quota by one flavor. */
export interface QuotaFlavor {
  /** Flavor name. */
  flavor_name: string
  /** Product name. */
  product_name: string
  /** Unit of `used`. */
  unit: string
  /** How much is in use. */
  used: number
}

/** How much of one kind of resource the account may use. */
export interface Quota {
  /** What the quota counts (`instances`, `gpu`, …). */
  key: string
  /** The limit. */
  capacity: number
  /** How much is in use. */
  used: number
  /** Use per flavor. */
  flavors: QuotaFlavor[]
}

/** Reserved and used capacity of a reservation. */
export interface ReservationQuota {
  /** Reserved capacity. */
  capacity: number
  /** Capacity in use. */
  used: number
}

/** Capacity reserved for the account. */
export interface Reservation {
  /** The reservation's id. */
  id: string
  /** Flavor reserved. */
  flavor_name: string
  /** Region of the reservation. */
  region: Region
  /** Free-form metadata. */
  metadata: Record<string, unknown>
  /** Reserved and used capacity. */
  quota: ReservationQuota
}

/** Availability of one instance type. */
export interface InstanceTypeAvailability {
  /** Instance type. */
  type: string
  /** Whether it can be created now. */
  available: boolean
  /** How many can be created, when reported. */
  count?: number
}

/** Which instance types can be created in a region right now. */
export interface InstancesAvailability {
  /** The region asked about. */
  region: Region
  /** What kind of resource the answer is about (`instances`). */
  type: string
  /** The placement option asked about, if any. */
  placement?: string
  /** Availability per instance type. */
  instance_types: InstanceTypeAvailability[]
}

/** One page of a list, exactly as the API answered it. */
export interface Page<T> {
  /** The items of this page. */
  items: T[]
  /** How many items the whole list has, across pages. */
  total_count: number
  /** This page's number (from 1). */
  page: number
  /** The page size the server used. */
  per_page: number
}
