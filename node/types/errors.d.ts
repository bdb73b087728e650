// The errors the SDK throws: one class per code of the SDK contract's table, all
// deriving from GenesisCloudError, so `instanceof` and `code` both work.

/** The SDK contract's stable error codes, the same string in every language. */
export type ErrorCode =
  | 'invalid_argument'
  | 'bad_request'
  | 'authentication'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'unprocessable_entity'
  | 'rate_limited'
  | 'server_error'
  | 'api_error'
  | 'timeout'
  | 'connection'
  | 'decode'
  | 'wait_timeout'
  | 'cancelled'
  | 'internal'

/** The fields an error is built from. */
export interface ErrorFields {
  /** The SDK contract's code. */
  code?: string
  /** The HTTP status, when a response was received. */
  status?: number | null
  /** The API's own error code. */
  apiCode?: string | null
  /** The server's request id. */
  requestId?: string | null
  /** Seconds the server asked to wait. */
  retryAfter?: number | null
  /** HTTP attempts made. */
  attempts?: number
  /** Whether the server may have acted on the request. */
  requestSent?: boolean
  /** What caused this error. */
  cause?: unknown
}

/** Base of every error the SDK throws. */
export declare class GenesisCloudError extends Error {
  constructor(message: string, fields?: ErrorFields)
  /** The SDK contract's stable code (`not_found`, …); a newer core may report codes not listed in {@link ErrorCode}. */
  readonly code: ErrorCode | (string & {})
  /** The HTTP status, when a response was received, else null. */
  readonly status: number | null
  /** The API's own error code (`"02035"`, …), when the body carried one. */
  readonly apiCode: string | null
  /** The server's `X-Request-Id`, when it sent one: quote it to support. */
  readonly requestId: string | null
  /** Seconds the server asked to wait (`Retry-After`), on `rate_limited`. */
  readonly retryAfter: number | null
  /** How many HTTP attempts were made (0 when refused before sending). */
  readonly attempts: number
  /**
   * Whether the server may have acted on the request. `false`: nothing reached
   * the network, retrying is safe. `true` on a create that failed: the resource
   * may exist, look before you create it again.
   */
  readonly requestSent: boolean
}

/** `invalid_argument`: the call was refused before anything was sent. */
export declare class InvalidArgumentError extends GenesisCloudError {}

/** `api_error`: the server answered a non-2xx status; base of the classes for specific statuses. */
export declare class APIStatusError extends GenesisCloudError {}

/** `bad_request`: 400. */
export declare class BadRequestError extends APIStatusError {}

/** `authentication`: 401, the token is missing, wrong or revoked. */
export declare class AuthenticationError extends APIStatusError {}

/** `permission_denied`: 403. */
export declare class PermissionDeniedError extends APIStatusError {}

/** `not_found`: 404. */
export declare class NotFoundError extends APIStatusError {}

/** `conflict`: 409, e.g. a resource in the wrong state or a name in use. */
export declare class ConflictError extends APIStatusError {}

/** `unprocessable_entity`: 422. */
export declare class UnprocessableEntityError extends APIStatusError {}

/** `rate_limited`: 429 after retries; `retryAfter` says how long the server asked to wait. */
export declare class RateLimitError extends APIStatusError {}

/** `server_error`: 5xx after retries. */
export declare class InternalServerError extends APIStatusError {}

/** `connection`: could not connect, connection reset, or TLS failure, after retries. */
export declare class APIConnectionError extends GenesisCloudError {}

/** `timeout`: no complete answer within the timeout or the deadline, after retries. */
export declare class APITimeoutError extends APIConnectionError {}

/** `decode`: a 2xx answer whose body is not what the API defines. */
export declare class DecodeError extends GenesisCloudError {}

/** The fields of a {@link WaitTimeoutError}. */
export interface WaitTimeoutFields extends ErrorFields {
  /** The last status seen. */
  lastStatus?: string | null
  /** How many times the resource was polled. */
  polls?: number
  /** How long the wait lasted, in milliseconds. */
  waitedMs?: number
}

/** `wait_timeout`: `waitUntil` gave up before the status was reached, or the resource entered `error`. */
export declare class WaitTimeoutError extends GenesisCloudError {
  constructor(message: string, fields?: WaitTimeoutFields)
  /** The last status the resource reported, if any poll succeeded. */
  readonly lastStatus: string | null
  /** How many times the resource was polled. */
  readonly polls: number
  /** How long the wait lasted, in milliseconds. */
  readonly waitedMs: number
}

/** `cancelled`: the call's `AbortSignal` aborted; `cause` is the signal's reason. */
export declare class AbortError extends GenesisCloudError {}

/** A bug of the SDK caught at the native boundary (a Rust panic), code `internal`: the process goes on, and the message is worth reporting. */
export declare class InternalError extends GenesisCloudError {}
