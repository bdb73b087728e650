// One list call through the Kotlin SDK, configured the way a user would:
// what the TLS suite (run.py) runs against an HTTPS emulator.
//
//     java -cp … ListImagesKt [--ca-bundle FILE] [--proxy URL]
//
// The token and base URL come from GENESISCLOUD_TOKEN and
// GENESISCLOUD_ENDPOINT. Prints `ok <images>`, or `error <code> <attempts>
// <message>` and exits 1.

import com.genesiscloud.sdk.Client
import com.genesiscloud.sdk.GenesisCloudException
import kotlin.system.exitProcess
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.runBlocking

fun main(args: Array<String>) {
    var caBundle: String? = null
    var proxy: String? = null
    for ((flag, value) in args.toList().chunked(2).map { it[0] to it.getOrNull(1) }) {
        when (flag) {
            "--ca-bundle" -> caBundle = value
            "--proxy" -> proxy = value
            else -> throw IllegalArgumentException("unknown argument $flag")
        }
    }
    try {
        val n = runBlocking { Client(caBundle = caBundle, proxy = proxy, maxRetries = 2).images.list().count() }
        println("ok $n")
    } catch (e: GenesisCloudException) {
        println("error ${e.code} ${e.attempts} ${e.message?.removePrefix("${e.code}: ")}")
        exitProcess(1)
    }
}
