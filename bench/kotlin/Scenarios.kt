// Machine-readable Kotlin measurements for bench/run.py: s1 and s3.
//
//   java -Djna.library.path=DIR -cp CLASSPATH com.genesiscloud.bench.ScenariosKt \
//     SCENARIO --url BASE_URL [--runs N] [--id INSTANCE_ID] [--items N]
//
// The emulator is prepared by the caller; this only measures and prints one
// JSON object per measurement on stdout. SCENARIO: list-latency (s1) or
// get-seq (s3). The peer is what a JVM user writes without the SDK:
// java.net.http.HttpClient and Jackson's tree model.
//
// Compiled as a test source of kotlin/pom.xml, so it never reaches the jar.
// bench/run.py starts java itself, from the classpath Maven wrote once, so
// neither Maven nor the JVM's start-up is inside what is timed; it passes
// jna.library.path so that the library measured is the one it names (the
// release build, or the debug one for --smoke), whatever kotlin/native/
// holds, and each row says which file was loaded.

package com.genesiscloud.bench

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.genesiscloud.sdk.Client
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.CompletableFuture
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

private const val TOKEN = "gc-emulator-token"
private const val PER_PAGE = 100

/** Calls per pass in s3: 1,000, or BENCH_GETS (make test-bench uses few). */
private val GETS = System.getenv("BENCH_GETS")?.toInt() ?: 1000

// The JIT compiles a method only after thousands of calls, so one warm-up
// pass (what the Node and Python scripts do) would time part of the peer's
// and the SDK's Kotlin side interpreted. Every client gets the same passes.
private const val LIST_WARMUPS = 2
private const val GET_WARMUPS = 3

/** The command line: the scenario, then `--name value` pairs. */
private class Args(argv: Array<String>) {
    val scenario: String = argv.firstOrNull() ?: fail("usage: SCENARIO --url BASE_URL [--runs N] [--id ID] [--items N]")
    private val options: Map<String, String> =
        argv.drop(1).chunked(2).associate { pair ->
            if (pair.size < 2) fail("${pair[0]} needs a value")
            pair[0].removePrefix("--") to pair[1]
        }
    val url: String = options["url"] ?: fail("--url is required")
    val runs: Int = options["runs"]?.toInt() ?: 3
    val id: String = options["id"] ?: ""
    val items: Int = options["items"]?.toInt() ?: 0
}

private fun fail(message: String): Nothing {
    System.err.println(message)
    exitProcess(2)
}

/**
 * The file the SDK's native library was mapped from: JNA takes the first
 * one it finds (jna.library.path, then the system's paths, then the
 * classpath), so the bench checks rather than assumes.
 */
private fun loadedLibrary(): String {
    val path = File("/proc/self/maps").readLines()
        .map { it.substringAfterLast(' ') }
        .firstOrNull { it.endsWith("/libgenesiscloud_uniffi.so") }
        ?: error("libgenesiscloud_uniffi.so is not mapped")
    val wanted = System.getProperty("jna.library.path")
    check(wanted == null || File(path).parentFile.canonicalPath == File(wanted).canonicalPath) {
        "loaded $path, not the library in jna.library.path ($wanted)"
    }
    return path
}

private fun emit(scenario: String, client: String, kind: String, unit: String, runs: List<Double>,
                 extra: Map<String, JsonElement>) {
    val row = mapOf(
        "scenario" to JsonPrimitive(scenario),
        "language" to JsonPrimitive("kotlin"),
        "client" to JsonPrimitive(client),
        "kind" to JsonPrimitive(kind),
        "unit" to JsonPrimitive(unit),
        "runs" to JsonArray(runs.map { JsonPrimitive(it) }),
    ) + extra
    println(JsonObject(row))
    System.out.flush()
}

/** What a JVM user writes without the SDK: java.net.http and Jackson's tree model. */
private class Peer(private val base: String) {
    // The emulator speaks HTTP/1.1 in clear; with the default, HTTP/2, the
    // client would first offer each new connection an h2c upgrade, a round
    // of headers a user who measured would not pay for.
    private val http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(60))
        .build()
    private val mapper = ObjectMapper()

    private fun request(path: String): HttpRequest =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("X-Auth-Token", TOKEN)
            .timeout(Duration.ofSeconds(60))
            .build()

    private fun decode(response: HttpResponse<ByteArray>): JsonNode {
        check(response.statusCode() == 200) { "HTTP ${response.statusCode()}" }
        return mapper.readTree(response.body())
    }

    fun get(path: String): JsonNode = decode(http.send(request(path), HttpResponse.BodyHandlers.ofByteArray()))

    private fun getAsync(path: String): CompletableFuture<JsonNode> =
        http.sendAsync(request(path), HttpResponse.BodyHandlers.ofByteArray()).thenApply(::decode)

    private fun page(n: Int) = "/images?page=$n&per_page=$PER_PAGE"

    private fun count(body: JsonNode): Int = body["images"].count { it.hasNonNull("id") }

    /** One page after the other until a short one. */
    fun listPages(): Int {
        var total = 0
        var n = 1
        while (true) {
            val body = get(page(n++))
            total += count(body)
            if (body["images"].size() < PER_PAGE) return total
        }
    }

    /** The same loop given the SDK's concurrency: the first page, then 4 at a time. */
    fun listX4(): Int {
        val first = get(page(1))
        var total = count(first)
        val pages = (first["total_count"].asInt() + PER_PAGE - 1) / PER_PAGE
        for (start in 2..pages step 4) {
            val batch = (start until minOf(start + 4, pages + 1)).map { getAsync(page(it)) }
            for (body in batch) total += count(body.join())
        }
        return total
    }
}

private suspend fun sdkList(client: Client): Int {
    var total = 0
    client.images.list(perPage = PER_PAGE.toLong()).collect { if ((it["id"] ?: JsonNull) !is JsonNull) total++ }
    return total
}

/** A client under test: its name, kind, and one run of the job. */
private class Job(val client: String, val kind: String, val run: suspend () -> Unit)

/**
 * Milliseconds of each job's [runs] runs after [warmups]. The jobs take turns
 * run by run, so that a change in the machine's state (another process
 * waking up, the CPU's clock) falls on each of them alike.
 */
private suspend fun timed(jobs: List<Job>, warmups: Int, runs: Int): List<List<Double>> {
    val out = jobs.map { mutableListOf<Double>() }
    for (round in 0 until warmups + runs) {
        for ((i, job) in jobs.withIndex()) {
            val started = System.nanoTime()
            job.run()
            if (round >= warmups) out[i].add((System.nanoTime() - started) / 1e6)
        }
    }
    return out
}

/** Per-call times of each job: the median and p99 of every pass of [GETS] calls. */
private suspend fun perCall(jobs: List<Job>, runs: Int): List<Pair<List<Double>, List<Double>>> {
    val out = jobs.map { mutableListOf<Double>() to mutableListOf<Double>() }
    for (round in 0 until GET_WARMUPS + runs) {
        for ((i, job) in jobs.withIndex()) {
            val times = DoubleArray(GETS)
            for (n in 0 until GETS) {
                val started = System.nanoTime()
                job.run()
                times[n] = (System.nanoTime() - started) / 1e6
            }
            if (round < GET_WARMUPS) continue
            times.sort()
            out[i].first.add(times[times.size / 2])
            out[i].second.add(times[Math.ceil(times.size * 0.99).toInt() - 1])
        }
    }
    return out
}

/** Runs one scenario against the emulator at `--url`; see the file's head. */
fun main(argv: Array<String>) = runBlocking {
    val args = Args(argv)
    val client = Client(token = TOKEN, baseUrl = args.url)
    val peer = Peer(args.url)
    val library = mapOf("library" to JsonPrimitive(loadedLibrary()))
    when (args.scenario) {
        "list-latency" -> {
            // Each job checks its count, so a smoke run proves the lists whole.
            fun counted(n: Int) = check(args.items == 0 || n == args.items) { "listed $n items of ${args.items}" }
            val jobs = listOf(
                Job("HttpClient + Jackson (page loop)", "peer") { counted(peer.listPages()) },
                Job("HttpClient + Jackson x4", "peer") { counted(peer.listX4()) },
                Job("genesiscloud Client", "sdk") { counted(sdkList(client)) },
            )
            for ((job, runs) in jobs.zip(timed(jobs, LIST_WARMUPS, args.runs))) {
                emit("s1", job.client, job.kind, "ms", runs,
                     library + mapOf("items" to JsonPrimitive(args.items), "warmups" to JsonPrimitive(LIST_WARMUPS)))
            }
        }
        "get-seq" -> {
            val path = "/instances/${args.id}"
            val jobs = listOf(
                Job("HttpClient + Jackson", "peer") {
                    check(peer.get(path)["instance"]["id"].asText() == args.id) { "wrong instance" }
                },
                Job("genesiscloud Client", "sdk") { client.instances.get(args.id) },
            )
            for ((job, pair) in jobs.zip(perCall(jobs, args.runs))) {
                val (medians, p99s) = pair
                emit("s3", job.client, job.kind, "ms/call", medians,
                     library + mapOf(
                         "p99" to JsonArray(p99s.map { JsonPrimitive(it) }),
                         "calls" to JsonPrimitive(GETS),
                         "warmups" to JsonPrimitive(GET_WARMUPS),
                     ))
            }
        }
        else -> fail("unknown scenario ${args.scenario}")
    }
    client.close()
}
