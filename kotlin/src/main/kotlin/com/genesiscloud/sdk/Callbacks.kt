package com.genesiscloud.sdk

import com.genesiscloud.sdk.ffi.uniffiCallbackInterfaceProgressListener
import com.genesiscloud.sdk.ffi.uniffiCallbackInterfaceResponseListener
import com.genesiscloud.sdk.ffi.uniffiRustFutureContinuationCallbackImpl
import com.sun.jna.Callback
import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Native

/**
 * Keeps the library's I/O threads attached to the JVM between the calls
 * they make into Kotlin. JNA otherwise attaches a native thread for each
 * callback and detaches it after, and every call ends in one (the
 * continuation that resumes the coroutine): the attach and detach cost
 * more than the rest of the call's crossing.
 */
internal object Callbacks {
    private val initializer = CallbackThreadInitializer(true, false, "genesiscloud-runtime")

    private val all: List<Callback> = listOf(
        uniffiRustFutureContinuationCallbackImpl,
        uniffiCallbackInterfaceProgressListener.`onProgress`,
        uniffiCallbackInterfaceResponseListener.`onResponse`,
    )

    init {
        for (callback in all) Native.setCallbackThreadInitializer(callback, initializer)
    }

    /** Runs the initializer once; later calls cost a field read. */
    fun install() = Unit
}
