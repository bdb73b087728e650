// The client and its resource groups.

import type {
  Filesystem,
  FloatingIp,
  Image,
  ImageType,
  Instance,
  InstanceAction,
  InstancesAvailability,
  InstanceStatus,
  Quota,
  Region,
  Reservation,
  SecurityGroup,
  Snapshot,
  SshKey,
  Volume,
  FilesystemStatus,
  FloatingIpStatus,
  SecurityGroupStatus,
  SnapshotStatus,
  VolumeStatus,
} from './models'
import type { Page, UserMetadata } from './answers'
import type {
  CloneSnapshot,
  CreateFilesystem,
  CreateFloatingIp,
  CreateInstance,
  CreateInstanceSnapshot,
  CreateSecurityGroup,
  CreateSnapshot,
  CreateSshKey,
  CreateVolume,
  UpdateFilesystem,
  UpdateFloatingIp,
  UpdateInstance,
  UpdateSecurityGroup,
  UpdateSnapshot,
  UpdateSshKey,
  UpdateVolume,
} from './requests'

/** How the token is sent. */
export type AuthScheme = 'x-auth-token' | 'bearer'

/** Settings of a {@link Client}; every one is optional. */
export interface ClientOptions {
  /** The API token (default: the `GENESISCLOUD_TOKEN` environment variable). Kept natively: never shown by `util.inspect` or `JSON.stringify`. */
  token?: string
  /** The API's base URL including `/compute/v1` (default: `GENESISCLOUD_ENDPOINT`, else `https://api.genesiscloud.com/compute/v1`). `http://` only for loopback hosts. */
  baseUrl?: string
  /** `"x-auth-token"` (default: `X-Auth-Token: <token>`) or `"bearer"` (`Authorization: Bearer <token>`). */
  authScheme?: AuthScheme
  /** Timeout of one attempt, from connecting to the end of the body (default 60,000 ms). */
  timeoutMs?: number
  /** Timeout of establishing a connection (default 10,000 ms). */
  connectTimeoutMs?: number
  /** Bound on a whole call: every attempt, backoff and `Retry-After` sleep (default none). */
  deadlineMs?: number
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  maxRetries?: number
  /** Page size of auto-pagination, 1–100 (default 100). */
  perPage?: number
  /** Pages fetched at once by auto-pagination (default 4). */
  concurrency?: number
  /** Spaces requests to at most this many per second (default off). */
  maxRequestsPerSecond?: number
  /** A PEM file of CA certificates trusted besides the operating system's store (`SSL_CERT_FILE` replaces that store). Read when the client is built. */
  caBundle?: string
  /** Forward proxy, `http://[user:password@]host:port` (default: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, either case; `NO_PROXY` applies). Its password never appears in any output. */
  proxy?: string
}

/**
 * What {@link Client.withOptions} changes; every setting left out keeps the
 * parent client's value. The settings the connections are built with
 * (`connectTimeoutMs`, `proxy`, `caBundle`, `maxRequestsPerSecond`) and the
 * token, base URL and auth scheme cannot change: make a new {@link Client}.
 */
export interface DerivedClientOptions {
  /** Timeout of one attempt, from connecting to the end of the body (must be positive). */
  timeoutMs?: number
  /** Bound on a whole call: every attempt, backoff and `Retry-After` sleep (must be positive; a derived client cannot drop its parent's deadline). */
  deadlineMs?: number
  /** Retries after the first attempt (0 turns retries off). */
  maxRetries?: number
  /** Page size of auto-pagination, 1–100. */
  perPage?: number
  /** Pages fetched at once by auto-pagination, 1–64. */
  concurrency?: number
  /** Headers sent with every request, on top of the parent's (replacing one of the same name). `X-Auth-Token`, `Authorization` and the other credential headers are refused with `InvalidArgumentError`. */
  headers?: Record<string, string>
}

/** The last argument of every call. */
export interface RequestOptions {
  /** Aborting it cancels the call (its request in flight included); the call rejects with `AbortError`. */
  signal?: AbortSignal
}

/** Paging of `list` and `listPage`. */
export interface ListParams {
  /** Page to fetch (from 1); for `list`, the page to start from. */
  page?: number
  /** Page size, 1–100 (default: the API's 50 for `listPage`, the client's `perPage` for `list`). */
  perPage?: number
}

/** Paging and filters of `images.list` and `images.listPage`. */
export interface ImageListParams extends ListParams {
  /** Only images of this type. */
  type?: ImageType
}

/** What `waitUntil` tells its `onProgress` after each poll. */
export interface WaitProgress {
  /** The status this poll saw; null when the resource answered 404 (it is gone). */
  status: string | null
  /** Polls so far, this one included (1, 2, ...). */
  polls: number
  /** Milliseconds since the wait started. */
  elapsedMs: number
}

/** Options of `waitUntil`. */
export interface WaitOptions extends RequestOptions {
  /** Give up after this long (default 20 minutes), with `WaitTimeoutError`. */
  timeoutMs?: number
  /** First pause between polls (default 1,000 ms); it doubles after each poll. */
  intervalMs?: number
  /** Longest pause between polls (default 10,000 ms). */
  maxIntervalMs?: number
  /**
   * Called on the main thread after each poll, the last one included; the
   * next poll waits for a promise it returns. What it throws (or its promise
   * rejects with) ends the wait: `waitUntil` rejects with that very value.
   */
  onProgress?: (progress: WaitProgress) => unknown
}

/** Options of `availability`. */
export interface AvailabilityOptions extends RequestOptions {
  /** Only this placement option. */
  placement?: string
}

/**
 * The items of a list, fetched lazily page by page (several pages at once)
 * as you iterate with `for await`. Leaving the loop early cancels the
 * requests in flight.
 */
export type ListIterator<T> = AsyncGenerator<T, void, undefined>

/** A group whose items can be listed. */
export interface ListedGroup<T, P extends ListParams = ListParams> {
  /** Every item, once each, lazily: `for await (const item of group.list())`. A failure rejects the iteration. */
  list(params?: P, options?: RequestOptions): ListIterator<T>
  /** Exactly one page (one request). */
  listPage(params?: P, options?: RequestOptions): Promise<Page<T>>
}

/** A group whose resources can be fetched, created, changed and deleted. */
export interface ManagedGroup<T, C, U> extends ListedGroup<T> {
  /** Fetches one resource by id; `NotFoundError` when there is none. */
  get(id: string, options?: RequestOptions): Promise<T>
  /** Creates a resource. It usually starts in a transitional status: see `waitUntil`. */
  create(body: C, options?: RequestOptions): Promise<T>
  /** Changes a resource. */
  update(id: string, body: U, options?: RequestOptions): Promise<T>
  /** Deletes a resource. It may linger in `deleting`: wait for `"deleted"` to know it is gone. */
  delete(id: string, options?: RequestOptions): Promise<void>
}

/** A group whose resources have a lifecycle status. */
export interface StatefulGroup<T, C, U, S extends string> extends ManagedGroup<T, C, U> {
  /**
   * Polls until the resource is gone (`GET` answers 404); resolves with null.
   */
  waitUntil(id: string, status: 'deleted', options?: WaitOptions): Promise<null>
  /**
   * Polls `get` (with growing pauses) until the resource reaches `status`, and
   * resolves with it. Rejects with `WaitTimeoutError` at the timeout or when the
   * resource enters `error`, and with `NotFoundError` when it disappears.
   */
  waitUntil(id: string, status: S, options?: WaitOptions): Promise<T>
}

/** Images (list only). */
export type Images = ListedGroup<Image, ImageListParams>

/** Instances, their actions, snapshots and metadata. */
export interface Instances extends StatefulGroup<Instance, CreateInstance, UpdateInstance, InstanceStatus> {
  /** The actions the instance's current status allows. */
  actions(id: string, options?: RequestOptions): Promise<InstanceAction[]>
  /** Starts, stops or resets the instance; an action its status does not allow is a `ConflictError`. */
  performAction(id: string, action: InstanceAction, options?: RequestOptions): Promise<void>
  /** Every snapshot of the instance, lazily. */
  listSnapshots(id: string, params?: ListParams, options?: RequestOptions): ListIterator<Snapshot>
  /** One page of the instance's snapshots. */
  listSnapshotsPage(id: string, params?: ListParams, options?: RequestOptions): Promise<Page<Snapshot>>
  /** Snapshots the instance's disk. */
  createSnapshot(id: string, body: CreateInstanceSnapshot, options?: RequestOptions): Promise<Snapshot>
  /** The metadata the instance was created with. */
  userMetadata(id: string, options?: RequestOptions): Promise<UserMetadata>
}

/** Snapshots. */
export interface Snapshots extends StatefulGroup<Snapshot, CreateSnapshot, UpdateSnapshot, SnapshotStatus> {
  /** Copies a snapshot, possibly into another region. */
  clone(id: string, body: CloneSnapshot, options?: RequestOptions): Promise<Snapshot>
}

/** Volumes. */
export type Volumes = StatefulGroup<Volume, CreateVolume, UpdateVolume, VolumeStatus>

/** Filesystems. */
export type Filesystems = StatefulGroup<Filesystem, CreateFilesystem, UpdateFilesystem, FilesystemStatus>

/** Security groups. */
export type SecurityGroups = StatefulGroup<SecurityGroup, CreateSecurityGroup, UpdateSecurityGroup, SecurityGroupStatus>

/** SSH keys (no lifecycle status). */
export type SshKeys = ManagedGroup<SshKey, CreateSshKey, UpdateSshKey>

/** Floating IPs. */
export type FloatingIps = StatefulGroup<FloatingIp, CreateFloatingIp, UpdateFloatingIp, FloatingIpStatus>

/**
 * A Genesis Cloud API client. Every call returns a Promise, runs off the
 * event loop, retries where safe, and accepts a last `{ signal }` option.
 *
 * ```ts
 * const client = new Client() // GENESISCLOUD_TOKEN, GENESISCLOUD_ENDPOINT
 * for await (const image of client.images.list()) console.log(image.id, image.name)
 * ```
 */
export declare class Client {
  /** Fails with `InvalidArgumentError` when no token is set anywhere, the base URL is not `https://` (or loopback `http://`), or a setting is out of range. */
  constructor(options?: ClientOptions)
  /**
   * A new client that overrides the settings given and shares this one's
   * connections (no new connection is opened), token and every other
   * setting; this client is not changed. Fails with `InvalidArgumentError`,
   * as the constructor does, for a value out of range, and for an
   * authentication header.
   */
  withOptions(options: DerivedClientOptions): Client
  /** The base URL requests go to. */
  readonly baseUrl: string
  /** How the token is sent. */
  readonly authScheme: AuthScheme
  /** Images (list only). */
  readonly images: Images
  /** Instances, their actions, snapshots and metadata. */
  readonly instances: Instances
  /** Snapshots. */
  readonly snapshots: Snapshots
  /** Volumes. */
  readonly volumes: Volumes
  /** Filesystems. */
  readonly filesystems: Filesystems
  /** Security groups. */
  readonly securityGroups: SecurityGroups
  /** SSH keys. */
  readonly sshKeys: SshKeys
  /** Floating IPs. */
  readonly floatingIps: FloatingIps
  /** The account's quotas. */
  quotas(options?: RequestOptions): Promise<Quota[]>
  /** The account's reservations. */
  reservations(options?: RequestOptions): Promise<Reservation[]>
  /** Which instance types can be created in `region` now. */
  availability(region: Region, options?: AvailabilityOptions): Promise<InstancesAvailability>
  /** The settings, with the token as `***`. */
  toJSON(): { baseUrl: string; authScheme: AuthScheme; token: '***' }
}
