// The request bodies of create, update and the other writes, with the
// API's field names. Optional fields may be left out.

import type {
  FilesystemType,
  FloatingIpVersion,
  InstanceBillingType,
  OsType,
  Region,
  SecurityGroupRuleDirection,
  SecurityGroupRuleProtocol,
  VolumeType,
} from './models'

/** One part of an instance's cloud-init user data (`InstanceUserData`). */
export interface InstanceUserData {
  /** Content type of the part, e.g. `text/cloud-config` or `text/x-shellscript`. */
  type: string
  /** File name of the part, when it needs one. */
  filename?: string
  /** The part itself. */
  content: string
}

/** Start-up data handed to a new instance. */
export interface InstanceMetadata {
  /** A script run once at first boot (at most 64 KiB). */
  startup_script?: string
  /** cloud-init user data, in parts. */
  user_data?: InstanceUserData[]
}

/** Body of `instances.create`. Give exactly one of `ssh_keys` and `password`. */
export interface CreateInstance {
  /** Display name. */
  name: string
  /** Host name inside the machine. */
  hostname: string
  /** Instance type, e.g. `vcpu-4_memory-12g_disk-80g_nvidia3080-1`. */
  type: string
  /** Image id to boot from. */
  image: string
  /** Region to run in. */
  region: Region
  /** SSH key ids to install. */
  ssh_keys?: string[]
  /** Password of the default user (8–72 characters with upper, lower case and digits). */
  password?: string
  /** Security group ids to apply. */
  security_groups?: string[]
  /** Volume ids to attach. */
  volumes?: string[]
  /** Floating IP id to attach. */
  floating_ip?: string
  /** Root disk size in GiB. */
  disk_size?: number
  /** How the instance is billed. */
  billing_type?: InstanceBillingType
  /** Refuse deletion until unset. */
  is_protected?: boolean
  /** Delete the instance when it shuts itself down. */
  destroy_on_shutdown?: boolean
  /** Also assign a public IPv6 address. */
  public_ipv6?: boolean
  /** Placement option within the region. */
  placement_option?: string
  /** Reservation to run under. */
  reservation_id?: string
  /** Reuse an existing long-term subscription. */
  reuse_long_term_subscription?: string
  /** Start-up data. */
  metadata?: InstanceMetadata
}

/** Attach one more security group or volume. */
export interface Attach {
  /** The id to attach. */
  attach: string
}

/** Detach one security group or volume. */
export interface Detach {
  /** The id to detach. */
  detach: string
}

/** How `instances.update` changes a list of attached ids: the whole list, or one attach or detach. */
export type AttachmentUpdate = string[] | Attach | Detach

/** Body of `instances.update`. */
export interface UpdateInstance {
  /** New display name. */
  name?: string
  /** New root disk size in GiB (may only grow). */
  disk_size?: number
  /** Protect from (or allow) deletion. */
  is_protected?: boolean
  /** Move under a reservation. */
  reservation_id?: string
  /** Change the security groups. */
  security_groups?: AttachmentUpdate
  /** Change the attached volumes. */
  volumes?: AttachmentUpdate
}

/** Body of `instances.createSnapshot`. */
export interface CreateInstanceSnapshot {
  /** Display name. */
  name: string
  /** Also replicate the snapshot into this region. */
  replicated_region?: Region
}

/** Body of `snapshots.create`: import a disk image from a URL. */
export interface CreateSnapshot {
  /** Display name. */
  name: string
  /** Region to import into. */
  region: Region
  /** Size in GiB. */
  size: number
  /** Where to download the disk image from. */
  url: string
  /** Operating system family of the disk. */
  os_type?: OsType
}

/** Body of `snapshots.update`. */
export interface UpdateSnapshot {
  /** New display name. */
  name?: string
}

/** Body of `snapshots.clone`. */
export interface CloneSnapshot {
  /** Name of the copy. */
  name: string
  /** Region to copy into. */
  region: Region
}

/** Body of `volumes.create`. */
export interface CreateVolume {
  /** Display name. */
  name: string
  /** Region to create the volume in. */
  region: Region
  /** Size in GiB (at least 1). */
  size: number
  /** Free-form description. */
  description?: string
  /** Storage class. */
  type?: VolumeType
}

/** Body of `volumes.update`. The size may only grow. */
export interface UpdateVolume {
  /** New display name. */
  name?: string
  /** New description. */
  description?: string
  /** New size in GiB (larger than the current one). */
  size?: number
}

/** Body of `filesystems.create`. */
export interface CreateFilesystem {
  /** Display name. */
  name: string
  /** Region to create the filesystem in. */
  region: Region
  /** Size in GiB. */
  size: number
  /** Free-form description. */
  description?: string
  /** Kind of filesystem. */
  type?: FilesystemType
}

/** Body of `filesystems.update`. The size may only grow. */
export interface UpdateFilesystem {
  /** New display name. */
  name?: string
  /** New description. */
  description?: string
  /** New size in GiB (larger than the current one). */
  size?: number
}

/** One firewall rule to set; leave the port range out (or null) for every port. */
export interface SecurityGroupRuleParam {
  /** Incoming or outgoing traffic. */
  direction: SecurityGroupRuleDirection
  /** Protocol the rule matches. */
  protocol: SecurityGroupRuleProtocol
  /** Lowest port. */
  port_range_min?: number | null
  /** Highest port. */
  port_range_max?: number | null
}

/** Body of `securityGroups.create`. The names `default` and `standard` are reserved. */
export interface CreateSecurityGroup {
  /** Display name. */
  name: string
  /** Region to create the group in. */
  region: Region
  /** The firewall rules. */
  rules: SecurityGroupRuleParam[]
  /** Free-form description. */
  description?: string
}

/** Body of `securityGroups.update`. */
export interface UpdateSecurityGroup {
  /** New display name. */
  name?: string
  /** New description. */
  description?: string
  /** The complete new rule set. */
  rules?: SecurityGroupRuleParam[]
}

/** Body of `sshKeys.create`. */
export interface CreateSshKey {
  /** Display name. */
  name: string
  /** The public key, in OpenSSH format. */
  value: string
}

/** Body of `sshKeys.update`. */
export interface UpdateSshKey {
  /** New display name. */
  name?: string
}

/** Body of `floatingIps.create`. */
export interface CreateFloatingIp {
  /** Display name. */
  name: string
  /** Region to reserve the address in. */
  region: Region
  /** Free-form description. */
  description?: string
  /** IP version (only `ipv4` today). */
  version?: FloatingIpVersion
}

/** Body of `floatingIps.update`. */
export interface UpdateFloatingIp {
  /** New display name. */
  name?: string
  /** New description. */
  description?: string
}
