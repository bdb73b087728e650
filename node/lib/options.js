'use strict'
// The settings a client is built or derived with, checked before they reach
// the native client, and the per-call options of an operation, which make
// the call through a client derived for it (sharing the connections).

const { inspect } = require('node:util')

const { stringOf } = require('./call')
const { fromNative, invalidArgument } = require('./errors')
const { NativeClient } = require('./native')

/** The options of `withOptions`: those a derived client may change. */
const DERIVED_OPTIONS = {
  timeoutMs: 'number',
  deadlineMs: 'number',
  maxRetries: 'integer',
  perPage: 'integer',
  concurrency: 'integer',
  headers: 'headers',
}

/** `{ name: value }` as the native list of headers, every value a string. */
function headersOf(headers) {
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    throw invalidArgument(`headers must be an object of strings, not ${inspect(headers)}`)
  }
  return Object.entries(headers).map(([name, value]) => ({
    name,
    // A header's value may be a secret: never echoed.
    value: stringOf(value, `headers[${JSON.stringify(name)}]`),
  }))
}

/** The native options: types checked against `table`, unknown names refused. */
function checkedOptions(options, table, what) {
  if (options === undefined || options === null) options = {}
  if (typeof options !== 'object') throw invalidArgument(`${what} must be an object`)
  const out = {}
  for (const [name, value] of Object.entries(options)) {
    const kind = table[name]
    if (kind === undefined) {
      throw invalidArgument(`unknown ${what.replace(/s$/, '')} ${JSON.stringify(name)}; known: ${Object.keys(table).join(', ')}`)
    }
    if (value === undefined || value === null) continue
    if (kind === 'headers') {
      out[name] = headersOf(value)
      continue
    }
    const ok =
      kind === 'string'
        ? typeof value === 'string'
        : kind === 'number'
          ? typeof value === 'number' && !Number.isNaN(value)
          : Number.isInteger(value) && value >= 0 && value <= 0xffffffff
    if (!ok) {
      const wanted = kind === 'integer' ? 'a non-negative integer' : `a ${kind}`
      // Secrets (the token, the proxy's password) are never echoed.
      const got = name === 'token' || name === 'proxy' ? typeof value : inspect(value)
      throw invalidArgument(`${name} must be ${wanted}, not ${got}`)
    }
    out[name] = kind === 'string' ? stringOf(value, name) : value
  }
  return out
}

/**
 * A native client derived from `native` with `options` (checked against
 * DERIVED_OPTIONS; `what` names them in an error), sharing its connections;
 * with `record`, it keeps the raw answers for `takeResponses()`.
 */
function derive(native, options, what, record = false) {
  const settings = checkedOptions(options, DERIVED_OPTIONS, what)
  if (record) settings.recordResponses = true
  const derived = native.withOptions(settings)
  if (!(derived instanceof NativeClient)) throw fromNative(derived)
  return derived
}

/** The per-call options of every operation, and of a lazy list. */
const PER_CALL = ['timeoutMs', 'deadlineMs', 'maxRetries', 'headers']
const PER_LIST_CALL = [...PER_CALL, 'concurrency']

/**
 * The native client a call with `options` goes through: `native` itself
 * when no per-call option is given (the common case, which costs a few
 * property reads), else one derived from it for this call only, which
 * records the raw answers when `record` (the call has an `onResponse`).
 */
function nativeFor(native, options, list, record) {
  if (options === undefined || options === null || typeof options !== 'object') return native
  let picked
  for (const name of list ? PER_LIST_CALL : PER_CALL) {
    if (options[name] !== undefined && options[name] !== null) (picked ??= {})[name] = options[name]
  }
  return picked === undefined && !record ? native : derive(native, picked, 'call options', record)
}

/** The `onResponse` of a call's options, checked; `undefined` when none. */
function onResponseOf(options) {
  const onResponse = options?.onResponse
  if (onResponse === undefined || onResponse === null) return undefined
  if (typeof onResponse !== 'function') {
    throw invalidArgument(`onResponse must be a function, not ${typeof onResponse}`)
  }
  return onResponse
}

/** Tells `onResponse` of each raw answer `native` recorded since the last time. */
function deliver(native, onResponse) {
  for (const answer of native.takeResponses()) onResponse(answer)
}

module.exports = { checkedOptions, deliver, derive, nativeFor, onResponseOf }
