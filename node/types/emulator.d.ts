// The bundled API emulator, for tests (`genesiscloud-sdk/testing`).

import type { Client, ClientOptions } from './client'

/** A resource's plural name, as the emulator's seeding takes it. */
export type ResourceName =
  | 'images'
  | 'instances'
  | 'snapshots'
  | 'volumes'
  | 'filesystems'
  | 'security_groups'
  | 'ssh_keys'
  | 'floating_ips'

/**
 * What the emulator holds: the default account, the default account plus the
 * API contract's 2020 images with types today's API no longer defines
 * (`legacy`), nothing, or a seed document (see docs/emulator.md).
 */
export type Seed = 'default' | 'legacy' | 'empty' | Record<string, unknown>

/** Options of `Emulator.start()`. */
export interface EmulatorOptions {
  /** Initial content (default `"default"`: the API contract's example images plus a small account). */
  seed?: Seed
  /** Time a resource stays in a transitional status (default 300 ms; 0: the next read sees the outcome). */
  lifecycleDelayMs?: number
  /** Added before every API answer (default 0). */
  latencyMs?: number
  /** Requests per second allowed per token (default: no limit). */
  rateLimit?: number
  /** Tokens accepted (default `["gc-emulator-token"]`). */
  tokens?: string[]
  /** Port to listen on (default: a free one). */
  port?: number
  /** Serve HTTPS (HTTP/2 and HTTP/1.1) with a certificate for the loopback names signed by a throwaway CA (default false). */
  tls?: boolean
  /** With `tls`: the certificate presented; `"expired"` and `"wrong-host"` test how clients refuse them (default `"valid"`). */
  certificate?: 'valid' | 'expired' | 'wrong-host'
  /** With `tls`: where to write the CA certificate (default: a temporary file, removed on `stop()`). */
  caOut?: string
}

/** Settings `configure()` changes while running. */
export interface EmulatorSettings {
  /** Time a resource stays in a transitional status. */
  lifecycleDelayMs?: number
  /** Added before every API answer. */
  latencyMs?: number
  /** Requests per second allowed per token; null: no limit. */
  rateLimit?: number | null
}

/** What a fault does. */
export type FaultKind =
  | 'latency'
  | 'status'
  | 'rate_limit'
  | 'drop'
  | 'truncate'
  | 'malformed'
  | 'slow_body'
  | 'redirect'
  | 'insert'

/** A fault, in the JSON form of `POST /_emulator/faults` (see docs/emulator.md). */
export interface Fault {
  /** What the fault does. */
  kind: FaultKind
  /** HTTP method to match (any when unset). */
  method?: string
  /** Glob on the path: `*` within one segment, `**` anything. */
  path?: string
  /** Substring the raw query must contain. */
  query?: string
  /** Matching requests let through before the fault starts. */
  after?: number
  /** Matching requests affected before the fault stops (forever if unset). */
  times?: number
  /**
   * Chance (0 < p <= 1) that each request the fault would otherwise affect
   * is affected, for a fault rate such as "5% of requests" (every one if unset).
   */
  probability?: number
  /** Seed of the `probability` draws, so the same requests meet the same faults. */
  seed?: number
  /** `latency`: delay before answering. */
  latency_ms?: number
  /** `latency`: random extra delay, up to this much. */
  jitter_ms?: number
  /** `status`: the status to answer; `redirect`: the 3xx status (default 307). */
  status?: number
  /** `status`: `"json"` (default), `"html"`, `"empty"`, or a raw body. */
  body?: string
  /** `status`, `rate_limit`: the `Retry-After` value, sent verbatim. */
  retry_after?: string
  /** `drop`: bytes of the real body sent before closing. */
  after_bytes?: number
  /** `truncate`: bytes of the body kept (default half). */
  bytes?: number
  /** `slow_body`: bytes per chunk (default 16). */
  chunk_bytes?: number
  /** `slow_body`: pause between chunks (default 50 ms). */
  chunk_delay_ms?: number
  /** `redirect`: URL prefix the original path and query are appended to. */
  location?: string
  /** `insert`: plural resource name (default: the list the path names). */
  resource?: ResourceName
  /** `insert`: how many items (default 1). */
  count?: number
}

/** One request as the emulator saw it. */
export interface RecordedRequest {
  /** Arrival order, from 1. */
  seq: number
  /** Protocol of the request: `"HTTP/1.1"` or `"HTTP/2.0"`. */
  http_version: string
  /** HTTP method. */
  method: string
  /** Path without query. */
  path: string
  /** Raw query string, if any. */
  query: string | null
  /** Headers by lower-case name; credentials replaced by `REDACTED`. */
  headers: Record<string, string>
  /** Scheme the token came with. */
  auth: 'x-auth-token' | 'bearer' | 'none'
  /** Whether the token was accepted. */
  authenticated: boolean
  /** The body as JSON (a string if it was not JSON), or null if empty. */
  body: unknown
  /** Status answered; null if the connection was dropped before an answer. */
  status: number | null
  /** Kind of the fault that acted on the request, if any. */
  fault: string | null
}

/**
 * An in-memory emulator of the Genesis Cloud API, running in this process on
 * its own threads: the server every test of this SDK talks to.
 *
 * ```ts
 * const emulator = await Emulator.start()
 * const client = emulator.client()
 * emulator.injectFault({ kind: 'status', status: 503, times: 1 })
 * await emulator.stop()
 * ```
 */
export declare class Emulator {
  private constructor()
  /** Starts an emulator on a free loopback port. */
  static start(options?: EmulatorOptions): Promise<Emulator>
  /** The base URL for clients: `http://127.0.0.1:PORT/compute/v1` (`https://` with `tls`). */
  readonly baseUrl: string
  /** With `tls`, the file holding the CA certificate (PEM) to trust; null otherwise. `client()` trusts it. */
  readonly caPath: string | null
  /** The server's root; the control API lives under it at `/_emulator`. */
  readonly rootUrl: string
  /** A token the emulator accepts. */
  readonly token: string
  /** A client of this emulator; `options` may override any setting. */
  client(options?: ClientOptions): Client
  /** Adds a fault; faults act in the order they were added. */
  injectFault(fault: Fault): void
  /** Removes every fault. */
  clearFaults(): void
  /** Changes settings while running; absent ones keep their value. */
  configure(changes: EmulatorSettings): void
  /** Every API request so far, oldest first, tokens redacted. */
  requests(): RecordedRequest[]
  /** Empties the request log. */
  clearRequests(): void
  /** Restores the initial content (or `seed`) and clears faults, the request log and changed settings. */
  reset(options?: { seed?: Seed }): Promise<void>
  /** Adds synthetic items: `{ images: 1000 }`. */
  seed(counts: Partial<Record<ResourceName, number>>): Promise<void>
  /** Shuts the server down; idempotent. */
  stop(): Promise<void>
}
