package com.genesiscloud.sdk

import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import com.genesiscloud.sdk.ffi.InternalException as FfiInternalException
import com.genesiscloud.sdk.ffi.NativeException

/**
 * Every failure of the SDK: one subclass per code of the SDK contract's
 * table, the same codes as in Python, Node, Rust and C.
 *
 * [requestSent] is false when nothing reached the network, so retrying is
 * safe; true when the server may have acted on the request (a `POST` that
 * timed out may have created the instance: look before you try again).
 * The message never contains the token.
 */
sealed class GenesisCloudException(f: ErrorFields) : Exception(f.message) {
    /** The SDK contract's code: `not_found`, `rate_limited`, … */
    val code: String = f.code

    /** The HTTP status, when an answer came back. */
    val status: Int? = f.status

    /** The API's own error code, when its body carried one. */
    val apiCode: String? = f.apiCode

    /** The server's `x-request-id`, when it sent one. */
    val requestId: String? = f.requestId

    /** How long the server asked to wait (`Retry-After`). */
    val retryAfter: Duration? = f.retryAfter

    /** HTTP attempts made. */
    val attempts: Int = f.attempts

    /** Whether the server may have acted on the request. */
    val requestSent: Boolean = f.requestSent
}

/** The fields every error carries, as the native side reports them. */
class ErrorFields internal constructor(
    internal val code: String,
    internal val message: String,
    internal val status: Int?,
    internal val apiCode: String?,
    internal val requestId: String?,
    internal val retryAfter: Duration?,
    internal val attempts: Int,
    internal val requestSent: Boolean,
)

/** The call was refused before anything was sent. */
class InvalidArgumentException internal constructor(f: ErrorFields) : GenesisCloudException(f)

/** The server answered with a status outside 2xx. */
sealed class ApiStatusException(f: ErrorFields) : GenesisCloudException(f)

/** 400. */
class BadRequestException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** 401: the token is missing, wrong or revoked. */
class AuthenticationException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** 403. */
class PermissionDeniedException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** 404. */
class NotFoundException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** 409: the resource's state does not allow it. */
class ConflictException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** 422. */
class UnprocessableEntityException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** 429, once retries are used up; [retryAfter] says how long to wait. */
class RateLimitException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** 5xx, once retries are used up. */
class InternalServerException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** Any other status outside 2xx (code `api_error`). */
class UnexpectedStatusException internal constructor(f: ErrorFields) : ApiStatusException(f)

/** The connection failed, was reset, or TLS failed, once retries are used up. */
open class ApiConnectionException internal constructor(f: ErrorFields) : GenesisCloudException(f)

/** No complete answer within the timeout, once retries are used up. */
class ApiTimeoutException internal constructor(f: ErrorFields) : ApiConnectionException(f)

/** A 2xx answer whose body is not what the API defines. */
class DecodeException internal constructor(f: ErrorFields) : GenesisCloudException(f)

/** `waitUntil` gave up before the status was reached. */
class WaitTimeoutException internal constructor(
    f: ErrorFields,
    /** The last status seen, if any poll answered. */
    val lastStatus: String?,
    /** How many polls were made. */
    val polls: Int,
    /** How long the wait lasted. */
    val waited: Duration,
) : GenesisCloudException(f)

/** The SDK stopped the call (its list was closed while a page was awaited). */
class CancelledException internal constructor(f: ErrorFields) : GenesisCloudException(f)

/** A bug of the SDK, caught where the core meets Kotlin; never a crash of the JVM. */
class InternalException internal constructor(f: ErrorFields) : GenesisCloudException(f)

/** The exception of a native failure's code. */
internal fun NativeException.Failed.toSdk(): GenesisCloudException {
    val f = ErrorFields(
        code, text, status?.toInt(), apiCode, requestId, retryAfter?.seconds,
        attempts.toInt(), requestSent,
    )
    return when (code) {
        "invalid_argument" -> InvalidArgumentException(f)
        "bad_request" -> BadRequestException(f)
        "authentication" -> AuthenticationException(f)
        "permission_denied" -> PermissionDeniedException(f)
        "not_found" -> NotFoundException(f)
        "conflict" -> ConflictException(f)
        "unprocessable_entity" -> UnprocessableEntityException(f)
        "rate_limited" -> RateLimitException(f)
        "server_error" -> InternalServerException(f)
        "api_error" -> UnexpectedStatusException(f)
        "timeout" -> ApiTimeoutException(f)
        "connection" -> ApiConnectionException(f)
        "decode" -> DecodeException(f)
        "wait_timeout" -> WaitTimeoutException(
            f, lastStatus, polls?.toInt() ?: 0, (waitedMs ?: 0.0).milliseconds,
        )
        "cancelled" -> CancelledException(f)
        else -> InternalException(f)
    }
}

/** An SDK error of code [code] raised on the Kotlin side, before the core. */
internal fun sdkError(code: String, message: String): GenesisCloudException {
    val f = ErrorFields(code, "$code: $message", null, null, null, null, 0, false)
    return if (code == "invalid_argument") InvalidArgumentException(f) else InternalException(f)
}

/**
 * Runs a native call, throwing the [GenesisCloudException] of its failure;
 * a panic uniffi caught is an [InternalException].
 */
internal inline fun <T> translate(body: () -> T): T =
    try {
        body()
    } catch (e: NativeException.Failed) {
        throw e.toSdk()
    } catch (e: FfiInternalException) {
        throw sdkError("internal", e.message ?: "a bug of the SDK")
    }
