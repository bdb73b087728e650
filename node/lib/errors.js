'use strict'
// The error classes of the SDK contract's table. The native side reports a failure as
// plain data (napi's async rejections cannot carry a class or a code), and
// `fromNative` builds the class here, inside the caller's async stack.

/** Base of every error the SDK throws. */
class GenesisCloudError extends Error {
  constructor(message, fields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.code = fields.code ?? 'unknown'
    this.status = fields.status ?? null
    this.apiCode = fields.apiCode ?? null
    this.requestId = fields.requestId ?? null
    this.retryAfter = fields.retryAfter ?? null
    this.attempts = fields.attempts ?? 0
    this.requestSent = fields.requestSent ?? false
  }
}

/** The call was refused before anything was sent. */
class InvalidArgumentError extends GenesisCloudError {}
/** The server answered with an error status. */
class APIStatusError extends GenesisCloudError {}
/** 400. */
class BadRequestError extends APIStatusError {}
/** 401: the token is missing, wrong or revoked. */
class AuthenticationError extends APIStatusError {}
/** 403. */
class PermissionDeniedError extends APIStatusError {}
/** 404. */
class NotFoundError extends APIStatusError {}
/** 409, e.g. a resource in the wrong state. */
class ConflictError extends APIStatusError {}
/** 422. */
class UnprocessableEntityError extends APIStatusError {}
/** 429 after retries. */
class RateLimitError extends APIStatusError {}
/** 5xx after retries. */
class InternalServerError extends APIStatusError {}
/** Could not connect, connection reset, TLS failure. */
class APIConnectionError extends GenesisCloudError {}
/** No complete answer within the timeout or deadline. */
class APITimeoutError extends APIConnectionError {}
/** A 2xx answer whose body is not what the API defines. */
class DecodeError extends GenesisCloudError {}

/** `waitUntil` gave up before the status was reached. */
class WaitTimeoutError extends GenesisCloudError {
  constructor(message, fields = {}) {
    super(message, fields)
    this.lastStatus = fields.lastStatus ?? null
    this.polls = fields.polls ?? 0
    this.waitedMs = fields.waitedMs ?? 0
  }
}

/** The caller aborted the call through its `AbortSignal`. */
class AbortError extends GenesisCloudError {}

/** A bug of the SDK caught at the native boundary (a Rust panic): the
 * process goes on, and the message is worth reporting. */
class InternalError extends GenesisCloudError {}

const CLASSES = {
  invalid_argument: InvalidArgumentError,
  bad_request: BadRequestError,
  authentication: AuthenticationError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  conflict: ConflictError,
  unprocessable_entity: UnprocessableEntityError,
  rate_limited: RateLimitError,
  server_error: InternalServerError,
  api_error: APIStatusError,
  timeout: APITimeoutError,
  connection: APIConnectionError,
  decode: DecodeError,
  wait_timeout: WaitTimeoutError,
  cancelled: AbortError,
  internal: InternalError,
}

const EXPORTS = {
  GenesisCloudError,
  ...Object.fromEntries(Object.values(CLASSES).map((c) => [c.name, c])),
}

// `err.name` names the class (stack traces, `err.name === 'AbortError'`)
// without an own property cluttering `util.inspect(err)`.
for (const [name, cls] of Object.entries(EXPORTS)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true })
}

/**
 * The error for a failure reported by the native side; a code this version
 * does not know (a newer core) becomes a plain GenesisCloudError.
 */
function fromNative(failure, cause) {
  const Class = Object.hasOwn(CLASSES, failure.code) ? CLASSES[failure.code] : GenesisCloudError
  const error = new Class(failure.text, { ...failure, cause })
  // The trace starts at the SDK function the caller awaited.
  Error.captureStackTrace(error, fromNative)
  return error
}

/** An `invalid_argument` error raised by the wrapper itself. */
function invalidArgument(message, cause) {
  return new InvalidArgumentError(`invalid_argument: ${message}`, {
    code: 'invalid_argument',
    cause,
  })
}

/** The error of a call whose signal was already aborted. */
function aborted(signal) {
  return new AbortError('cancelled: the call was cancelled', {
    code: 'cancelled',
    cause: signal.reason,
  })
}

module.exports = { ...EXPORTS, fromNative, invalidArgument, aborted }
