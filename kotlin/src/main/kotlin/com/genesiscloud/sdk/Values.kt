package com.genesiscloud.sdk

import kotlin.time.Duration
import kotlinx.serialization.json.JsonObject

/** One page of a list, as `listPage` answers it. */
data class Page(
    /** The page's items, as the API sent them. */
    val items: List<JsonObject>,
    /** How many items the whole list has, when the API says. */
    val totalCount: Long?,
    /** The page's number, from 1. */
    val page: Int,
    /** The page size. */
    val perPage: Int,
)

/** What a wait has seen after one poll, as `onProgress` is told. */
data class WaitProgress(
    /** The status this poll saw; null when the resource answered 404. */
    val status: String?,
    /** Polls so far, this one included. */
    val polls: Int,
    /** Time since the wait started. */
    val elapsed: Duration,
)

/** The raw answer of one successful request, as `onResponse` is told. */
data class RawResponse(
    /** The request's method. */
    val method: String,
    /** The request's URL path and query. */
    val path: String,
    /** The HTTP status. */
    val status: Int,
    /** Headers by lower-case name, through the log allow-list (others read `REDACTED`). */
    val headers: Map<String, String>,
    /** The answer's `x-request-id`. */
    val requestId: String?,
    /** Attempts it took. */
    val attempts: Int,
    /** Time from the first attempt's start to this answer. */
    val elapsed: Duration,
)

/** How the token is sent. */
enum class AuthScheme(internal val wire: String) {
    /** `X-Auth-Token: <token>` (the default). */
    X_AUTH_TOKEN("x-auth-token"),

    /** `Authorization: Bearer <token>`. */
    BEARER("bearer"),
}
