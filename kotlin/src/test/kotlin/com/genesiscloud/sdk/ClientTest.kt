package com.genesiscloud.sdk

// What a Kotlin user notices beyond the shared scenarios: coroutine
// cancellation and structured concurrency, lazy flows, many calls at once
// on one client, the exception tree, and the token kept out of sight.

import com.genesiscloud.sdk.testing.Emulator
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTest {
    private val emulator = Emulator.start()

    @AfterAll
    fun stop() = emulator.close()

    @BeforeEach
    fun reset() = emulator.reset("default")

    private suspend fun anInstanceId(client: Client): String =
        client.instances.listPage().items.first().getValue("id").jsonPrimitive.content

    @Test
    fun `the token appears neither in toString nor in an error`() = runBlocking<Unit> {
        val secret = "kt-secret-token-0123456789"
        val client = Client(token = secret, baseUrl = emulator.baseUrl)
        assertFalse(client.toString().contains(secret), client.toString())
        assertTrue(client.toString().contains(emulator.baseUrl))
        val e = assertThrows<AuthenticationException> { runBlocking { client.quotas() } }
        assertFalse(e.toString().contains(secret))
        assertEquals(401, e.status)
    }

    @Test
    fun `a refused setting is an InvalidArgumentException naming it`() {
        val e = assertThrows<InvalidArgumentException> { Client(token = "t", baseUrl = emulator.baseUrl, perPage = -1) }
        assertTrue(e.message!!.contains("perPage"), e.message)
        assertEquals("invalid_argument", e.code)
        assertFalse(e.requestSent)
        val bad = assertThrows<InvalidArgumentException> { Client(token = "t", baseUrl = "not a url") }
        assertEquals(0, bad.attempts)
    }

    @Test
    fun `the user agent names kotlin and the JVM's version`() = runBlocking<Unit> {
        emulator.client().quotas()
        val agent = emulator.requests().last().jsonObject.getValue("headers").jsonObject.getValue("user-agent").jsonPrimitive.content
        assertTrue(agent.startsWith("genesiscloud-sdk/"), agent)
        assertTrue(agent.endsWith("(kotlin/${System.getProperty("java.version")})"), agent)
    }

    @Test
    fun `a cancelled coroutine stops its request at once`() = runBlocking<Unit> {
        val answered = mutableListOf<RawResponse>()
        val client = emulator.client().withOptions(onResponse = { synchronized(answered) { answered.add(it) } })
        val id = anInstanceId(emulator.client())
        // Every answer takes 1.5 s: a request still running after the
        // cancellation would get its answer, and tell onResponse.
        emulator.configure(latency = 1500.milliseconds)
        assertThrows<TimeoutCancellationException> {
            runBlocking { withTimeout(200.milliseconds) { client.instances.get(id) } }
        }
        delay(2.seconds)
        assertEquals(0, synchronized(answered) { answered.size }, "the cancelled request went on to its answer")
    }

    @Test
    fun `a failing sibling cancels a list being collected (structured concurrency)`() = runBlocking<Unit> {
        emulator.seed(mapOf("images" to 500))
        emulator.configure(latency = 300.milliseconds)
        val client = emulator.client()
        var collected = 0
        val e = assertThrows<IllegalStateException> {
            runBlocking {
                coroutineScope {
                    launch { client.images.list(perPage = 5).collect { collected++ } }
                    launch {
                        delay(500.milliseconds)
                        error("sibling failed")
                    }
                }
            }
        }
        assertEquals("sibling failed", e.message)
        assertTrue(collected < 500, "the list ran to its end: $collected items")
    }

    @Test
    fun `a flow sends nothing until collected, and stops with its collector`() = runBlocking<Unit> {
        emulator.seed(mapOf("images" to 500))
        val client = emulator.client()
        val flow = client.images.list(perPage = 10)
        emulator.clearRequests()
        assertEquals(0, emulator.requests().size)
        val first = flow.take(3).toList()
        assertEquals(3, first.size)
        // Pages are fetched ahead (4 at a time), but not the 50 of the list.
        delay(200.milliseconds)
        val sent = emulator.requests().size
        assertTrue(sent in 1..12, "$sent requests for 3 items")
    }

    @Test
    fun `a thousand concurrent gets on one client`() = runBlocking<Unit> {
        val client = emulator.client()
        val id = anInstanceId(client)
        val answers = coroutineScope { (1..1000).map { async { client.instances.get(id) } }.awaitAll() }
        assertEquals(1000, answers.size)
        assertTrue(answers.all { it.getValue("id") == JsonPrimitive(id) })
    }

    @Test
    fun `create, wait with progress, perform an action, delete`() = runBlocking<Unit> {
        emulator.configure(lifecycleDelay = 100.milliseconds)
        val client = emulator.client()
        val image = client.images.list().take(1).toList().first().getValue("id").jsonPrimitive.content
        val created = client.instances.create(
            buildJsonObject {
                put("name", "kt")
                put("hostname", "kt")
                put("type", "vcpu-4_memory-12g_disk-80g_nvidia3080-1")
                put("image", image)
                put("region", "NORD-NO-KRS-1")
                put("password", "Secret123abc")
            },
        )
        val id = created.getValue("id").jsonPrimitive.content
        val seen = mutableListOf<WaitProgress>()
        val active = client.instances.waitUntil(id, "active", interval = 20.milliseconds, onProgress = { seen.add(it) })
        assertEquals("active", active!!.getValue("status").jsonPrimitive.content)
        assertEquals((1..seen.size).toList(), seen.map { it.polls })
        assertTrue(client.instances.actions(id).contains(JsonPrimitive("stop")))
        client.instances.performAction(id, "stop")
        client.instances.delete(id)
        assertEquals(null, client.instances.waitUntil(id, "deleted", interval = 20.milliseconds))
        assertThrows<NotFoundException> { runBlocking { client.instances.get(id) } }
    }

    @Test
    fun `what onProgress throws ends the wait as itself`() = runBlocking<Unit> {
        emulator.configure(lifecycleDelay = 10.seconds)
        val client = emulator.client()
        val id = anInstanceId(client)
        class Mine : RuntimeException()
        assertThrows<Mine> {
            runBlocking {
                client.instances.waitUntil(id, "no-such-status", interval = 10.milliseconds, onProgress = { throw Mine() })
            }
        }
    }

    @Test
    fun `a wait that runs out is a WaitTimeoutException with what it saw`() = runBlocking<Unit> {
        val client = emulator.client()
        val id = anInstanceId(client)
        val e = assertThrows<WaitTimeoutException> {
            runBlocking { client.instances.waitUntil(id, "never", timeout = 100.milliseconds, interval = 10.milliseconds) }
        }
        assertTrue(e.polls >= 1)
        assertTrue(e.lastStatus != null)
    }

    @Test
    fun `derived clients send their headers and tell raw answers`() = runBlocking<Unit> {
        val answers = mutableListOf<RawResponse>()
        val client = emulator.client().withOptions(headers = mapOf("X-Trace" to "kt"), onResponse = { answers.add(it) })
        client.quotas()
        assertEquals(1, answers.size)
        assertEquals(200, answers[0].status)
        assertEquals(answers[0].requestId, answers[0].headers["x-request-id"])
        val sent = emulator.requests().last().jsonObject.getValue("headers").jsonObject
        assertEquals("kt", sent.getValue("x-trace").jsonPrimitive.content)
    }

    @Test
    fun `a panic in the core is an InternalException, and the JVM lives on`() = runBlocking<Unit> {
        val client = emulator.client()
        // The core's test hook, in debug builds only (what the tests run).
        val e = assertThrows<InternalException> {
            runBlocking { translate { client.calls.native.call("__test.panic", "", null, null) } }
        }
        assertEquals("internal", e.code)
        assertTrue(e.message!!.contains("forced by the test hook"), e.message)
        client.quotas()
    }

    @Test
    fun `an emulator over TLS is trusted through its CA`() = runBlocking<Unit> {
        Emulator.start(tls = true).use { tls ->
            assertTrue(tls.baseUrl.startsWith("https://"), tls.baseUrl)
            assertTrue(tls.client().images.listPage().items.isNotEmpty())
            val untrusted = Client(token = tls.token, baseUrl = tls.baseUrl, maxRetries = 0)
            val e = assertThrows<ApiConnectionException> { runBlocking { untrusted.quotas() } }
            assertTrue(e.message!!.contains("not signed by a trusted certificate authority"), e.message)
        }
    }
}
