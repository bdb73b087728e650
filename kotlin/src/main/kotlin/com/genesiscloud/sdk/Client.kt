package com.genesiscloud.sdk

import com.genesiscloud.sdk.ffi.ClientSettings
import com.genesiscloud.sdk.ffi.DerivedSettings
import com.genesiscloud.sdk.ffi.Header
import com.genesiscloud.sdk.ffi.NativeClient
import com.genesiscloud.sdk.ffi.RawAnswer
import com.genesiscloud.sdk.ffi.ResponseListener
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/**
 * A client of the Genesis Cloud compute API.
 *
 * Every operation is a `suspend` function; lists are lazy `Flow`s whose
 * pages the core fetches ahead. Settings left out come from the
 * environment (`GENESISCLOUD_TOKEN`, `GENESISCLOUD_ENDPOINT`,
 * `SSL_CERT_FILE`, `HTTPS_PROXY`, …), else the SDK contract's defaults. A
 * client is safe to share between coroutines and threads; clients derived
 * with [withOptions] share its connection pool. `toString()` never shows
 * the token.
 *
 * ```kotlin
 * val client = Client()
 * client.instances.list().collect { println(it["name"]) }
 * ```
 *
 * @throws InvalidArgumentException when a setting is refused (no token, say).
 */
class Client private constructor(native: NativeClient) : AccountOperations(Calls(native)), AutoCloseable {
    constructor(
        token: String? = null,
        baseUrl: String? = null,
        authScheme: AuthScheme? = null,
        timeout: Duration? = null,
        connectTimeout: Duration? = null,
        deadline: Duration? = null,
        maxRetries: Int? = null,
        perPage: Int? = null,
        concurrency: Int? = null,
        maxRequestsPerSecond: Double? = null,
        caBundle: String? = null,
        proxy: String? = null,
    ) : this(
        translate {
            NativeClient(
                ClientSettings(
                    token = token,
                    baseUrl = baseUrl,
                    authScheme = authScheme?.wire,
                    timeoutMs = millis(timeout),
                    connectTimeoutMs = millis(connectTimeout),
                    deadlineMs = millis(deadline),
                    maxRetries = count(maxRetries, "maxRetries"),
                    perPage = count(perPage, "perPage"),
                    concurrency = count(concurrency, "concurrency"),
                    maxRequestsPerSecond = maxRequestsPerSecond,
                    caBundle = caBundle,
                    proxy = proxy,
                    runtimeVersion = System.getProperty("java.version") ?: "unknown",
                ),
            )
        },
    )

    /** The base URL requests go to. */
    val baseUrl: String get() = calls.native.baseUrl()

    /** How the token is sent. */
    val authScheme: AuthScheme
        get() = AuthScheme.entries.first { it.wire == calls.native.authScheme() }

    /**
     * A client sharing this one's connection pool and token, with these
     * settings overridden: for one call (`client.withOptions(timeout =
     * 5.seconds).instances.get(id)`) or for many. [headers] are added to
     * every request; [onResponse] is told the raw answer of each
     * successful request (once per page of a list), on the SDK's I/O thread.
     *
     * @throws InvalidArgumentException when a setting is refused.
     */
    fun withOptions(
        timeout: Duration? = null,
        deadline: Duration? = null,
        maxRetries: Int? = null,
        perPage: Int? = null,
        concurrency: Int? = null,
        headers: Map<String, String> = emptyMap(),
        onResponse: ((RawResponse) -> Unit)? = null,
    ): Client = Client(
        translate {
            calls.native.withOptions(
                DerivedSettings(
                    timeoutMs = millis(timeout),
                    deadlineMs = millis(deadline),
                    maxRetries = count(maxRetries, "maxRetries"),
                    perPage = count(perPage, "perPage"),
                    concurrency = count(concurrency, "concurrency"),
                    headers = headers.map { (name, value) -> Header(name, value) },
                    onResponse = onResponse?.let { Responses(it) },
                ),
            )
        },
    )

    /** Releases the native client now rather than when collected. */
    override fun close() = calls.native.close()

    override fun toString(): String = "Client(baseUrl=$baseUrl, authScheme=${authScheme.wire})"
}

/** Hands each raw answer to the caller's function. */
private class Responses(private val onResponse: (RawResponse) -> Unit) : ResponseListener {
    override fun onResponse(answer: RawAnswer) =
        onResponse(
            RawResponse(
                answer.method, answer.path, answer.status.toInt(), answer.headers, answer.requestId,
                answer.attempts.toInt(), answer.elapsedMs.milliseconds,
            ),
        )
}

/** A duration in milliseconds, as the core takes it (which checks its sign). */
internal fun millis(d: Duration?): Double? = d?.let { it.inWholeMicroseconds / 1000.0 }

/** A count the core takes unsigned: a negative one is refused here, in the core's words. */
internal fun count(n: Int?, name: String): UInt? {
    if (n != null && n < 0) throw sdkError("invalid_argument", "$name must not be negative, got $n")
    return n?.toUInt()
}
