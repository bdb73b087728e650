package com.genesiscloud.sdk.testing

import com.genesiscloud.sdk.Client
import com.genesiscloud.sdk.ffi.NativeEmulator
import com.genesiscloud.sdk.millis
import com.genesiscloud.sdk.translate
import kotlin.time.Duration
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray

/**
 * The bundled emulator of the whole API, in-process on a free loopback
 * port, for your own tests: the same emulator the SDK's conformance suite
 * runs against, with fault injection.
 *
 * ```kotlin
 * Emulator.start().use { emulator ->
 *     val client = emulator.client()
 *     client.instances.list().toList()
 * }
 * ```
 */
class Emulator private constructor(private val native: NativeEmulator) : AutoCloseable {
    /** The API's base URL (`http://127.0.0.1:PORT/compute/v1`). */
    val baseUrl: String = native.baseUrl()

    /** The server's root URL (`http://127.0.0.1:PORT`). */
    val rootUrl: String = native.rootUrl()

    /** The token it accepts. */
    val token: String = native.token()

    /** The PEM file of its CA, when it serves TLS. */
    val caPath: String? = native.caPath()

    /** A client of this emulator, with its token (and its CA, over TLS). */
    fun client(): Client = Client(token = token, baseUrl = baseUrl, caBundle = caPath)

    /** Adds a fault (see docs/emulator.md), e.g. `{"kind": "status", "status": 503, "times": 1}`. */
    fun injectFault(fault: JsonObject) = translate { native.injectFault(fault.toString()) }

    /** Removes every injected fault. */
    fun clearFaults() = translate { native.clearFaults() }

    /**
     * Changes tunables: how long lifecycle transitions take, added latency,
     * and the rate limit per token (`null` turns it off).
     */
    fun configure(lifecycleDelay: Duration? = null, latency: Duration? = null, rateLimit: Int? = null) {
        val changes = buildMap<String, JsonElement> {
            millis(lifecycleDelay)?.let { put("lifecycleDelayMs", JsonPrimitive(it)) }
            millis(latency)?.let { put("latencyMs", JsonPrimitive(it)) }
            put("rateLimit", rateLimit?.let { JsonPrimitive(it) } ?: JsonNull)
        }
        translate { native.configure(JsonObject(changes).toString()) }
    }

    /** Every `/compute/v1` request so far, oldest first. */
    fun requests(): JsonArray = Json.parseToJsonElement(translate { native.requests() }).jsonArray

    /** Empties the request log. */
    fun clearRequests() = translate { native.clearRequests() }

    /**
     * Restores a seed (`"default"`, `"legacy"`, `"empty"`; null: the one it
     * started with) and clears faults, the request log and tunables.
     */
    fun reset(seed: String? = null) = translate { native.reset(seed?.let { JsonPrimitive(it).toString() }) }

    /** Adds synthetic items: `seed(mapOf("images" to 250))`. */
    fun seed(counts: Map<String, Int>) =
        translate { native.seed(JsonObject(counts.mapValues { JsonPrimitive(it.value) }).toString()) }

    /** Shuts the server down (idempotent). */
    fun stop() = native.stop()

    /** Stops the server and releases it. */
    override fun close() {
        native.stop()
        native.close()
    }

    companion object {
        /**
         * Starts an emulator: [seed] `"default"` (a small account as today's
         * API shows it), `"legacy"` or `"empty"`; [lifecycleDelay] is how
         * long transitions (`creating` → `active`) take. With [tls] it
         * serves HTTPS with a throwaway CA, whose PEM file is [caPath]
         * (`Client(caBundle = emulator.caPath, …)` trusts it).
         */
        fun start(
            seed: String? = null,
            lifecycleDelay: Duration? = null,
            latency: Duration? = null,
            rateLimit: Int? = null,
            tokens: List<String>? = null,
            port: Int? = null,
            tls: Boolean = false,
        ): Emulator {
            val options = buildMap<String, JsonElement> {
                seed?.let { put("seed", JsonPrimitive(it)) }
                millis(lifecycleDelay)?.let { put("lifecycleDelayMs", JsonPrimitive(it)) }
                millis(latency)?.let { put("latencyMs", JsonPrimitive(it)) }
                rateLimit?.let { put("rateLimit", JsonPrimitive(it)) }
                tokens?.let { t -> put("tokens", JsonArray(t.map { JsonPrimitive(it) })) }
                port?.let { put("port", JsonPrimitive(it)) }
                if (tls) put("tls", JsonPrimitive(true))
            }
            return Emulator(translate { NativeEmulator.start(JsonObject(options).toString()) })
        }
    }
}
