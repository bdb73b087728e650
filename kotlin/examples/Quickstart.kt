// Lists images and instances. With GENESISCLOUD_TOKEN set it talks to the
// real API; without, it starts the bundled emulator and says so.
//
//   make kotlin-demo

import com.genesiscloud.sdk.Client
import com.genesiscloud.sdk.GenesisCloudException
import com.genesiscloud.sdk.testing.Emulator
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive

/** A field of an item as text, `-` when absent or null. */
private fun JsonObject.text(name: String): String = this[name]?.jsonPrimitive?.contentOrNull ?: "-"

fun main() = runBlocking {
    val emulator = if (System.getenv("GENESISCLOUD_TOKEN").isNullOrEmpty()) Emulator.start() else null
    val client = if (emulator != null) {
        println("GENESISCLOUD_TOKEN is not set: using the bundled emulator at ${emulator.baseUrl}")
        emulator.client()
    } else {
        Client().also { println("Using the Genesis Cloud API at ${it.baseUrl}") } // GENESISCLOUD_TOKEN, GENESISCLOUD_ENDPOINT
    }
    try {
        println("Images:")
        client.images.list().collect { println("  ${it.text("id")}  ${it.text("name")} (${it.text("type")})") }
        println("Instances:")
        client.instances.list().collect {
            println("  ${it.text("id")}  ${it.text("name")}  ${it.text("status")}  ${it.text("public_ip")}")
        }
    } catch (e: GenesisCloudException) {
        System.err.println("Failed: ${e.message}")
        exitProcess(1)
    } finally {
        emulator?.close()
    }
}
