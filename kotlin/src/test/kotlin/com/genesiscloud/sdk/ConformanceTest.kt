package com.genesiscloud.sdk

// The shared conformance suite (tests/conformance/*.json), every scenario
// through the Kotlin API: one test per file, failing on the first mismatch
// with the file, step and key.
//
// CONFORMANCE_DIR runs another folder of scenarios (the fault matrix of
// tests/faults/ generates one); CONFORMANCE_REPORT appends one JSON line per
// scenario to that file.

import com.genesiscloud.sdk.testing.Emulator
import java.io.File
import java.util.Collections
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.TimeSource
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance

/** A scenario's mismatch. */
class Mismatch(message: String) : AssertionError(message)

private fun fail(message: String): Nothing = throw Mismatch(message)

/** Thrown by a `progress` step's callback at `stop_at_poll`. */
class Stopped(polls: Int) : RuntimeException("stopped at poll $polls")

/**
 * A step's `progress`: records what the wait's `onProgress` is told and
 * throws its own exception at poll `stop_at_poll`; the wait must end with
 * that very exception, which counts as the error `cancelled`.
 */
class Recorder(spec: JsonObject) {
    val seen: MutableList<WaitProgress> = Collections.synchronizedList(mutableListOf())
    private val stopAt = spec["stop_at_poll"]?.jsonPrimitive?.intOrNull

    @Volatile
    var thrown: Stopped? = null

    val onProgress: suspend (WaitProgress) -> Unit = { p ->
        seen.add(p)
        if (stopAt != null && p.polls >= stopAt) {
            val e = Stopped(p.polls)
            thrown = e
            throw e
        }
    }

    fun check(own: Boolean, want: JsonObject?) {
        seen.forEachIndexed { i, p ->
            if (p.polls != i + 1) fail("progress: call ${i + 1} reported poll ${p.polls}")
            if (i > 0 && p.elapsed < seen[i - 1].elapsed) fail("progress: the time waited went back at call ${i + 1}")
        }
        if (stopAt != null && !own) fail("progress: the wait did not end with the callback's exception")
        if (want == null) return
        val statuses = mutableListOf<JsonElement>()
        for (p in seen) {
            val s: JsonElement = p.status?.let { JsonPrimitive(it) } ?: JsonNull
            if (statuses.isEmpty() || statuses.last() != s) statuses.add(s)
        }
        want["statuses"]?.let { if (JsonArray(statuses) != it) fail("progress.statuses: expected $it, got $statuses") }
        want["polls"]?.jsonPrimitive?.intOrNull?.let { if (seen.size != it) fail("progress.polls: expected $it, got ${seen.size}") }
        want["min_polls"]?.jsonPrimitive?.intOrNull?.let {
            if (seen.size < it) fail("progress.min_polls: expected at least $it, got ${seen.size}")
        }
    }
}

/** A step's arguments, read as the Kotlin methods take them. */
class Args(private val args: JsonObject, val progress: (suspend (WaitProgress) -> Unit)?) {
    fun id(): String = string("id") ?: ""

    fun string(name: String): String? = args[name]?.let { if (it is JsonNull) null else it.jsonPrimitive.content }

    fun required(name: String): String = string(name) ?: fail("the scenario gives no `$name`")

    fun long(name: String): Long? = args[name]?.jsonPrimitive?.longOrNull

    fun millis(name: String): Duration? = args[name]?.jsonPrimitive?.doubleOrNull?.milliseconds

    // Polls are fast and capped, as in every runner.
    private val intervalMs = args["interval_ms"]?.jsonPrimitive?.doubleOrNull ?: 50.0

    fun interval(): Duration = intervalMs.milliseconds

    fun maxInterval(): Duration = (intervalMs * 4).milliseconds

    /** The body: every argument but the id. */
    fun body(): JsonObject = JsonObject(args - "id")

    fun page(p: Page): JsonElement = JsonObject(
        mapOf(
            "items" to JsonArray(p.items),
            "total_count" to (p.totalCount?.let { JsonPrimitive(it) } ?: JsonNull),
            "page" to JsonPrimitive(p.page),
            "per_page" to JsonPrimitive(p.perPage),
        ),
    )

    suspend fun items(flow: Flow<JsonObject>): JsonElement = JsonArray(flow.toList())
}

private val CLASS_OF_CODE = mapOf(
    "invalid_argument" to InvalidArgumentException::class,
    "bad_request" to BadRequestException::class,
    "authentication" to AuthenticationException::class,
    "permission_denied" to PermissionDeniedException::class,
    "not_found" to NotFoundException::class,
    "conflict" to ConflictException::class,
    "unprocessable_entity" to UnprocessableEntityException::class,
    "rate_limited" to RateLimitException::class,
    "server_error" to InternalServerException::class,
    "api_error" to UnexpectedStatusException::class,
    "timeout" to ApiTimeoutException::class,
    "connection" to ApiConnectionException::class,
    "decode" to DecodeException::class,
    "wait_timeout" to WaitTimeoutException::class,
    "cancelled" to CancelledException::class,
)

/** What a step's call came to. */
private sealed class Outcome {
    class Ok(val value: JsonElement) : Outcome()
    class Failed(val error: GenesisCloudException) : Outcome()
    object Own : Outcome()
}

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceTest {
    private val root = File(System.getProperty("user.dir")).parentFile
    private val dir = System.getenv("CONFORMANCE_DIR")?.let { File(it) } ?: File(root, "tests/conformance")
    private val emulator = Emulator.start()
    private val second = Emulator.start()

    @AfterAll
    fun stop() {
        emulator.close()
        second.close()
    }

    @TestFactory
    fun scenarios(): List<DynamicTest> {
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
        if (files.isEmpty()) fail("no scenario files in $dir")
        return files.map { file ->
            DynamicTest.dynamicTest(file.name) {
                val scenario = Json.parseToJsonElement(file.readText()).jsonObject
                try {
                    runBlocking { runScenario(scenario, file.name) }
                } catch (e: Throwable) {
                    report(file.name, e)
                    throw e
                }
                report(file.name, null)
            }
        }
    }

    private fun report(file: String, error: Throwable?) {
        val path = System.getenv("CONFORMANCE_REPORT") ?: return
        val line = JsonObject(
            mapOf(
                "language" to JsonPrimitive("kotlin"),
                "client" to JsonPrimitive("Client"),
                "file" to JsonPrimitive(file),
                "passed" to JsonPrimitive(error == null),
                "message" to (error?.let { JsonPrimitive(it.message ?: it.toString()) } ?: JsonNull),
            ),
        )
        synchronized(ConformanceTest::class.java) { File(path).appendText("$line\n") }
    }

    private suspend fun runScenario(scenario: JsonObject, file: String) {
        val setup = scenario["emulator"]?.jsonObject ?: JsonObject(emptyMap())
        emulator.reset(setup["seed"]?.jsonPrimitive?.content ?: "default")
        second.reset()
        emulator.configure(
            lifecycleDelay = (setup["lifecycle_delay_ms"]?.jsonPrimitive?.doubleOrNull ?: 0.0).milliseconds,
            rateLimit = setup["rate_limit"]?.jsonPrimitive?.intOrNull,
        )
        setup["synthetic"]?.jsonObject?.let { s -> emulator.seed(s.mapValues { it.value.jsonPrimitive.intOrNull ?: 0 }) }
        val client = buildClient(scenario["client"]?.jsonObject ?: JsonObject(emptyMap()))
        val saved = mutableMapOf<String, JsonElement>(
            "second_root" to JsonPrimitive(second.rootUrl),
            "emulator_root" to JsonPrimitive(emulator.rootUrl),
            "emulator_token" to JsonPrimitive(emulator.token),
        )
        scenario.getValue("steps").jsonArray.forEachIndexed { i, step ->
            val s = step.jsonObject
            try {
                runStep(client, s, saved)
            } catch (e: Mismatch) {
                throw Mismatch("$file: step ${i + 1} (${s["call"]?.jsonPrimitive?.content}): ${e.message}")
            }
        }
    }

    private fun buildClient(c: JsonObject): Client {
        val token = c["token"]?.jsonPrimitive?.content.let { if (it == null || it == "\$emulator_token") emulator.token else it }
        return Client(
            token = token,
            baseUrl = emulator.baseUrl,
            authScheme = c["auth_scheme"]?.jsonPrimitive?.content?.let { s -> AuthScheme.entries.first { it.wire == s } },
            timeout = c.ms("timeout_ms"),
            connectTimeout = c.ms("connect_timeout_ms"),
            deadline = c.ms("deadline_ms"),
            maxRetries = c.int("max_retries"),
            perPage = c.int("per_page"),
            concurrency = c.int("concurrency"),
        )
    }

    /** The client a step's `with_options` (or per-call `options`) derives. */
    private fun derive(client: Client, o: JsonObject, responses: MutableList<RawResponse>?): Client =
        client.withOptions(
            timeout = o.ms("timeout_ms"),
            deadline = o.ms("deadline_ms"),
            maxRetries = o.int("max_retries"),
            perPage = o.int("per_page"),
            concurrency = o.int("concurrency"),
            headers = o["headers"]?.jsonObject?.mapValues { it.value.jsonPrimitive.content } ?: emptyMap(),
            onResponse = responses?.let { list -> { r: RawResponse -> list.add(r) } },
        )

    private suspend fun runStep(client: Client, step: JsonObject, saved: MutableMap<String, JsonElement>) {
        emulator.clearFaults()
        emulator.clearRequests()
        second.clearRequests()
        step["faults"]?.jsonArray?.forEach { emulator.injectFault(substitute(it, saved).jsonObject) }
        val args = substitute(step["args"] ?: JsonObject(emptyMap()), saved).jsonObject
        val recorder = step["progress"]?.let { Recorder(it.jsonObject) }
        val responses: MutableList<RawResponse>? =
            if (step["responses"]?.jsonPrimitive?.booleanOrNull == true) Collections.synchronizedList(mutableListOf()) else null
        val started = TimeSource.Monotonic.markNow()
        val outcome: Outcome = try {
            var target = step["with_options"]?.let { derive(client, it.jsonObject, null) } ?: client
            val perCall = step["options"]?.jsonObject
            if (perCall != null || responses != null) target = derive(target, perCall ?: JsonObject(emptyMap()), responses)
            Outcome.Ok(dispatch(target, step.getValue("call").jsonPrimitive.content, Args(args, recorder?.onProgress)))
        } catch (e: Stopped) {
            if (recorder?.thrown !== e) throw e
            Outcome.Own
        } catch (e: GenesisCloudException) {
            Outcome.Failed(e)
        }
        val elapsed = started.elapsedNow()
        val expect = substitute(step["expect"] ?: JsonObject(emptyMap()), saved).jsonObject
        recorder?.check(outcome is Outcome.Own, expect["progress"]?.jsonObject)
        checkOutcome(outcome, expect)
        expect["min_elapsed_ms"]?.jsonPrimitive?.doubleOrNull?.let {
            if (elapsed < it.milliseconds) fail("min_elapsed_ms: expected at least $it ms, the call took $elapsed")
        }
        expect["responses"]?.let { checkResponses(responses.orEmpty().map(::responseJson), it.jsonObject) }
        expect["requests"]?.let { checkRequests(emulator.requests(), it.jsonObject, "requests") }
        expect["second_requests"]?.let { checkRequests(second.requests(), it.jsonObject, "second_requests") }
        val save = step["save"]?.jsonPrimitive?.content
        if (save != null && outcome is Outcome.Ok) saved[save] = outcome.value
    }

    /** Replaces `"$name.path"` with values saved by earlier steps, and `"$repeat:N:text"` with `text` N times. */
    private fun substitute(value: JsonElement, saved: Map<String, JsonElement>): JsonElement = when {
        value is JsonPrimitive && value.isString && value.content.startsWith("\$repeat:") -> {
            val rest = value.content.removePrefix("\$repeat:")
            val count = rest.substringBefore(':').toInt()
            JsonPrimitive(rest.substringAfter(':').repeat(count))
        }
        value is JsonPrimitive && value.isString && value.content.startsWith("$") -> {
            val parts = value.content.removePrefix("$").split('.')
            var cur: JsonElement = saved[parts[0]] ?: fail("nothing saved as ${value.content}")
            for (f in parts.drop(1)) {
                cur = (cur as? JsonObject)?.get(f) ?: fail("${value.content}: no field $f")
            }
            cur
        }
        value is JsonArray -> JsonArray(value.map { substitute(it, saved) })
        value is JsonObject -> JsonObject(value.mapValues { substitute(it.value, saved) })
        else -> value
    }

    private fun responseJson(r: RawResponse): JsonObject = JsonObject(
        mapOf(
            "method" to JsonPrimitive(r.method),
            "path" to JsonPrimitive(r.path),
            "status" to JsonPrimitive(r.status),
            "headers" to JsonObject(r.headers.mapValues { JsonPrimitive(it.value) }),
            "request_id" to (r.requestId?.let { JsonPrimitive(it) } ?: JsonNull),
            "attempts" to JsonPrimitive(r.attempts),
            "elapsed_ms" to JsonPrimitive(r.elapsed.inWholeMicroseconds / 1000.0),
        ),
    )

    private fun checkResponses(got: List<JsonObject>, want: JsonObject) {
        want["count"]?.jsonPrimitive?.intOrNull?.let { if (got.size != it) fail("responses.count: expected $it, got ${got.size}") }
        want["each"]?.let { w -> got.forEachIndexed { i, r -> subset(r, w, "responses[$i]") } }
        want["last"]?.let { w -> subset(got.lastOrNull() ?: fail("responses.last: none"), w, "responses.last") }
        if (want["request_ids"]?.jsonPrimitive?.booleanOrNull == true) {
            val seen = mutableSetOf<String>()
            for (r in got) {
                val id = r["request_id"]?.jsonPrimitive?.contentOrNull
                val header = r.getValue("headers").jsonObject["x-request-id"]?.jsonPrimitive?.contentOrNull
                if (id == null || header != id || !seen.add(id)) fail("responses.request_ids: bad or repeated id in $r")
            }
        }
    }

    private fun checkOutcome(outcome: Outcome, expect: JsonObject) {
        val wantError = expect["error"]?.jsonObject
        when (outcome) {
            is Outcome.Own -> {
                if (wantError != null && wantError != JsonObject(mapOf("code" to JsonPrimitive("cancelled")))) {
                    fail("error: expected $wantError, got the callback's own exception")
                }
            }
            is Outcome.Failed -> {
                if (wantError == null) fail("expected success, got ${outcome.error.stackTraceToString()}")
                checkError(outcome.error, wantError)
            }
            is Outcome.Ok -> {
                if (wantError != null) fail("expected error $wantError, got success: ${outcome.value.toString().take(500)}")
                checkResult(outcome.value, expect)
            }
        }
    }

    private fun checkError(e: GenesisCloudException, want: JsonObject) {
        val message = e.message.orEmpty()
        val got = mapOf(
            "code" to JsonPrimitive(e.code),
            // The message leads with the code, as the error's text reads.
            "message" to JsonPrimitive(message.removePrefix("${e.code}: ")),
            "status" to (e.status?.let { JsonPrimitive(it) } ?: JsonNull),
            "api_code" to (e.apiCode?.let { JsonPrimitive(it) } ?: JsonNull),
            "attempts" to JsonPrimitive(e.attempts),
            "request_sent" to JsonPrimitive(e.requestSent),
        )
        for ((k, v) in want) {
            if (got[k] != v) fail("error.$k: expected $v, got ${got[k]} (${e.message})")
        }
        val cls = CLASS_OF_CODE[e.code] ?: fail("error class: unknown code ${e.code}")
        if (!cls.isInstance(e)) fail("error class: ${e.code} should be a ${cls.simpleName}, got ${e::class.simpleName}")
    }

    private fun items(v: JsonElement): JsonArray? = when (v) {
        is JsonArray -> v
        is JsonObject -> v["items"] as? JsonArray
        else -> null
    }

    private fun checkResult(v: JsonElement, expect: JsonObject) {
        expect["result"]?.let { subset(v, it, "result") }
        expect["count"]?.jsonPrimitive?.intOrNull?.let {
            val list = items(v) ?: fail("count: result is not a list")
            if (list.size != it) fail("count: expected $it, got ${list.size}")
        }
        fun ids(key: String) = (items(v) ?: fail("$key: result is not a list")).map { (it as? JsonObject)?.get("id") ?: JsonNull }
        expect["ids"]?.let { if (JsonArray(ids("ids")) != it) fail("ids: expected $it, got ${ids("ids")}") }
        if (expect["unique_ids"]?.jsonPrimitive?.booleanOrNull == true) {
            val all = ids("unique_ids")
            if (all.toSet().size != all.size) fail("unique_ids: ${all.size} ids, ${all.toSet().size} distinct")
        }
        expect["contains"]?.jsonArray?.forEach { w ->
            val list = items(v) ?: fail("contains: result is not a list")
            if (list.none { matches(it, w) }) fail("contains: no element matches $w")
        }
    }

    private fun matches(got: JsonElement, want: JsonElement): Boolean =
        try {
            subset(got, want, "")
            true
        } catch (_: Mismatch) {
            false
        }

    private fun subset(got: JsonElement, want: JsonElement, at: String) {
        when (want) {
            is JsonArray -> {
                if (got !is JsonArray) fail("$at: expected $want, got $got")
                if (got.size != want.size) fail("$at: expected ${want.size} elements, got ${got.size}")
                want.forEachIndexed { i, w -> subset(got[i], w, "$at[$i]") }
            }
            is JsonObject -> {
                if (got !is JsonObject) fail("$at: expected $want, got $got")
                for ((k, w) in want) subset(got[k] ?: fail("$at.$k: missing"), w, "$at.$k")
            }
            else -> if (!same(got, want)) fail("$at: expected $want, got $got")
        }
    }

    /** Scalars equal as JSON values (`1` and `1.0` are the same number). */
    private fun same(a: JsonElement, b: JsonElement): Boolean {
        if (a == b) return true
        if (a !is JsonPrimitive || b !is JsonPrimitive || a.isString || b.isString) return false
        val x = a.doubleOrNull
        val y = b.doubleOrNull
        return x != null && x == y
    }

    private fun checkRequests(log: JsonArray, want: JsonObject, what: String) {
        want["count"]?.jsonPrimitive?.intOrNull?.let {
            if (log.size != it) {
                val seen = log.map { r -> r.jsonObject.let { o -> "${o["method"]} ${o["path"]} -> ${o["status"]}" } }
                fail("$what.count: expected $it, got ${log.size} $seen")
            }
        }
        for (key in listOf("auth", "method")) {
            val w = want[key] ?: continue
            val bad = log.firstOrNull { it.jsonObject[key] != w }
            if (bad != null) fail("$what.$key: expected $w, got ${bad.jsonObject[key]}")
        }
        want["headers"]?.jsonObject?.forEach { (name, value) ->
            val bad = log.firstOrNull { (it.jsonObject.getValue("headers").jsonObject[name] ?: JsonNull) != value }
            if (bad != null) fail("$what.headers.$name: expected $value, got ${bad.jsonObject.getValue("headers").jsonObject[name]}")
        }
    }
}

private fun JsonObject.ms(key: String): Duration? = this[key]?.jsonPrimitive?.doubleOrNull?.milliseconds

private fun JsonObject.int(key: String): Int? = this[key]?.jsonPrimitive?.intOrNull
