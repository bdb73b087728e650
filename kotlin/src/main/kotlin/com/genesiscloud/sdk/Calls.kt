package com.genesiscloud.sdk

import com.genesiscloud.sdk.ffi.NativeClient
import com.genesiscloud.sdk.ffi.ProgressListener
import com.genesiscloud.sdk.ffi.ProgressReport
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull

/**
 * The calls the resource groups make: each one native call by the SDK
 * contract's operation name, with its arguments as JSON and its result
 * parsed from JSON.
 */
internal class Calls(internal val native: NativeClient) {
    init {
        Callbacks.install()
    }

    private suspend fun call(op: String, id: String, args: JsonObject?): JsonElement {
        val text = translate { native.call(op, id, args?.toString(), null) }
        return Json.parseToJsonElement(text)
    }

    internal suspend fun single(op: String, id: String, args: JsonObject?): JsonObject =
        call(op, id, args).jsonObject

    internal suspend fun array(op: String, id: String, args: JsonObject?): JsonArray =
        call(op, id, args).jsonArray

    internal suspend fun empty(op: String, id: String, args: JsonObject?) {
        call(op, id, args)
    }

    internal suspend fun page(op: String, id: String, args: JsonObject?): Page {
        val p = single(op, id, args)
        return Page(
            items = p.getValue("items").jsonArray.map { it.jsonObject },
            totalCount = p["total_count"]?.jsonPrimitive?.longOrNull,
            page = p.getValue("page").jsonPrimitive.int,
            perPage = p.getValue("per_page").jsonPrimitive.int,
        )
    }

    /**
     * Every item of a list, lazily: nothing is sent until the flow is
     * collected; the core then fetches pages ahead. A collector that stops
     * (or is cancelled) closes the list, which stops its requests.
     */
    internal fun items(op: String, id: String, args: JsonObject?): Flow<JsonObject> = flow {
        val pager = native.list(op, id, args?.toString())
        try {
            while (true) {
                val batch = translate { pager.nextBatch() } ?: break
                for (item in Json.parseToJsonElement(batch).jsonArray) emit(item.jsonObject)
            }
        } finally {
            pager.stop()
            pager.close()
        }
    }

    internal suspend fun waitUntil(
        op: String,
        id: String,
        status: String,
        timeout: Duration?,
        interval: Duration?,
        maxInterval: Duration?,
        onProgress: (suspend (WaitProgress) -> Unit)?,
    ): JsonObject? {
        val args = args(
            "status" to status,
            "timeout_ms" to millis(timeout),
            "interval_ms" to millis(interval),
            "max_interval_ms" to millis(maxInterval),
        )
        val listener = onProgress?.let { Progress(it) }
        val text = try {
            translate { native.call(op, id, args.toString(), listener) }
        } catch (e: GenesisCloudException) {
            // What the caller's onProgress threw ends the wait as itself.
            throw listener?.thrown ?: e
        }
        val answer = Json.parseToJsonElement(text)
        return if (answer is JsonNull) null else answer.jsonObject
    }
}

/**
 * A wait's progress listener around the caller's function: it keeps what
 * the function throws, which cannot cross into Rust, and tells the core to
 * stop; the wait then rethrows it.
 */
private class Progress(private val onProgress: suspend (WaitProgress) -> Unit) : ProgressListener {
    @Volatile
    var thrown: Throwable? = null

    override suspend fun onProgress(report: ProgressReport): Boolean =
        try {
            onProgress(WaitProgress(report.status, report.polls.toInt(), report.elapsedMs.milliseconds))
            true
        } catch (e: Throwable) {
            thrown = e
            false
        }
}

/** Arguments as a JSON object, leaving out those not given. */
internal fun args(vararg fields: Pair<String, Any?>): JsonObject =
    JsonObject(
        fields.mapNotNull { (k, v) ->
            when (v) {
                null -> null
                is String -> k to JsonPrimitive(v)
                is Number -> k to JsonPrimitive(v)
                // The generated methods pass only text and numbers.
                else -> error("argument `$k` of unexpected type ${v::class}")
            }
        }.toMap(),
    )
