// The client, its settings and the options every call takes. The resource
// groups and the account's operations are generated: ./resources.

import type { AccountOperations, ResourceGroups } from './resources'

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

/** Cancelling a call. */
export interface SignalOptions {
  /** Aborting it cancels the call (its request in flight included); the call rejects with `AbortError`. */
  signal?: AbortSignal
}

/**
 * The last argument of every call but `waitUntil`: its signal, and settings
 * for this call only, which override the client's (the call goes through a
 * client derived for it, sharing the connections, as with
 * {@link Client.withOptions}).
 */
export interface RequestOptions extends SignalOptions {
  /** Timeout of one attempt of this call (must be positive). */
  timeoutMs?: number
  /** Bound on the whole call, retries included (must be positive). */
  deadlineMs?: number
  /** Retries of this call after its first attempt (0 turns them off). */
  maxRetries?: number
  /** Headers sent with this call only, on top of the client's; the credential headers are refused with `InvalidArgumentError`. */
  headers?: Record<string, string>
  /**
   * Called with the raw answer of each successful request of this call,
   * once the call resolves; for a lazy list, of each page as the list reads
   * it. What it throws rejects the call.
   */
  onResponse?: (response: RawResponse) => void
}

/**
 * What the API answered to one successful request. Headers pass through
 * the SDK's log allow-list (`content-type`, `content-length`,
 * `retry-after`, `x-request-id`, `user-agent`): any other header keeps its
 * name and reads `REDACTED`, so no credential can reach a log through it.
 */
export interface RawResponse {
  /** The request's method (`GET`). */
  method: string
  /** The request's URL path and query (`/compute/v1/images?per_page=50`). */
  path: string
  /** The HTTP status (200, 201, 204). */
  status: number
  /** The answer's headers by lower-case name, through the log allow-list. */
  headers: Record<string, string>
  /** The `x-request-id` the API gave the request: quote it to support. */
  requestId: string | null
  /** Attempts it took, retries included (1 when the first one answered). */
  attempts: number
  /** Milliseconds from the first attempt's start to this answer, retry pauses included. */
  elapsedMs: number
}

/**
 * What every operation but `list` and `waitUntil` returns: a Promise of its
 * result, which also offers the raw answer, as in the Stainless-generated
 * SDKs.
 */
export interface CallPromise<T> extends Promise<T> {
  /**
   * The result and the raw answer of the call's request. Chain it onto the
   * call itself: `const { data, response } = await client.instances.get(id).withResponse()`.
   */
  withResponse(): Promise<{ data: T; response: RawResponse }>
}

/** The last argument of a lazy list: a call's options, and how many pages it fetches at once. */
export interface ListOptions extends RequestOptions {
  /** Pages fetched at once, 1–64 (default: the client's). */
  concurrency?: number
}

/** Paging of `list` and `listPage`. */
export interface ListParams {
  /** Page to fetch (from 1); for `list`, the page to start from. */
  page?: number
  /** Page size, 1–100 (default: the API's 50 for `listPage`, the client's `perPage` for `list`). */
  perPage?: number
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
export interface WaitOptions extends SignalOptions {
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

/**
 * The items of a list, fetched lazily page by page (several pages at once)
 * as you iterate with `for await`. Leaving the loop early cancels the
 * requests in flight.
 */
export type ListIterator<T> = AsyncGenerator<T, void, undefined>

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
  /** The settings, with the token as `***`. */
  toJSON(): { baseUrl: string; authScheme: AuthScheme; token: '***' }
}

/** The resource groups (`client.instances`, …) and the account's operations (`client.quotas()`, …), merged into the class. */
export interface Client extends ResourceGroups, AccountOperations {}
