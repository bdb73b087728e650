'use strict'
// One native call as the caller's Promise: the `{ signal }` option wired to
// a native cancel handle, arguments as JSON, the result parsed, and a
// failure thrown as its error class from this async function, so that the
// stack trace continues into the caller's code.

const { watch } = require('./abort')
const { CancelHandle } = require('./native')
const { InvalidArgumentError, aborted, fromNative, invalidArgument } = require('./errors')

/** The `signal` of an options object, checked; `undefined` when none. */
function signalOf(options) {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object') throw invalidArgument('options must be an object')
  const { signal } = options
  if (signal === undefined || signal === null) return undefined
  // Duck-typed, so that signals of another realm or a polyfill work too.
  if (typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw invalidArgument('signal must be an AbortSignal')
  }
  return signal
}

/** How deeply an argument may nest objects and arrays: the core's bound
 * (`genesiscloud::operations::MAX_DEPTH`), checked here too because a
 * deeper value would overflow JSON.stringify's stack first. */
const MAX_DEPTH = 64

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Whether `s` is valid Unicode: the native side would silently turn a
 * lone surrogate into U+FFFD and act on another string than the one given. */
function wellFormed(s) {
  return typeof s.isWellFormed === 'function' ? s.isWellFormed() : !LONE_SURROGATE.test(s)
}

/** A string argument, checked for type and Unicode (the core checks its
 * content). The value is not echoed: it may be a secret. */
function stringOf(value, what) {
  // The core's words for a missing field, as in every language.
  if (value === undefined) throw invalidArgument(`invalid arguments: missing field \`${what}\``)
  if (typeof value !== 'string') throw invalidArgument(`${what} must be a string, not ${typeof value}`)
  if (!wellFormed(value)) throw invalidArgument(`${what} is not valid Unicode (it contains a lone surrogate)`)
  return value
}

/** The id argument. */
function idOf(id, what = 'id') {
  return stringOf(id, what)
}

/**
 * A request body or parameters as JSON text. Refuses what JSON.stringify
 * would silently change (NaN and Infinity become null, lone surrogates
 * become escapes the native side refuses) and nesting past MAX_DEPTH; the
 * core checks everything else. A refusal names the top-level field in the
 * core's words, so that it reads as in every other language.
 */
function encode(value, what) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument(`${what} must be an object`)
  }
  // Where each object sits: the top-level field it belongs to and its depth.
  const places = new WeakMap()
  function check(key, v) {
    const [field, depth] = places.get(this) ?? [undefined, -1]
    const top = field ?? key
    if (typeof key === 'string' && !wellFormed(key)) {
      throw invalidArgument(`${what}: a field name is not valid Unicode (it contains a lone surrogate)`)
    }
    if (typeof v === 'string' && !wellFormed(v)) {
      throw invalidArgument(`invalid argument \`${top}\`: is not valid Unicode (it contains a lone surrogate)`)
    }
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw invalidArgument(`invalid argument \`${top}\`: must be a finite number, not NaN or an infinity`)
    }
    if (v !== null && typeof v === 'object') {
      if (depth + 1 > MAX_DEPTH) {
        throw invalidArgument(`invalid argument \`${top}\`: nests lists or objects more than ${MAX_DEPTH} levels deep`)
      }
      // The root's own fields start the count (the root is the wrapper's
      // field "", at depth 0).
      places.set(v, [depth < 0 ? undefined : top, depth + 1])
    }
    return v
  }
  try {
    return JSON.stringify(value, check)
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw e
    throw invalidArgument(`${what} cannot be encoded as JSON: ${e.message}`, e)
  }
}

/**
 * Runs native operation `op` and resolves with its parsed JSON result.
 * `args` is already JSON text (or undefined); a wait tells `onProgress`
 * (the wrapper's function, see `resources.js`) of each poll.
 */
async function call(client, op, id, args, options, onProgress = null) {
  const signal = signalOf(options)
  if (signal === undefined) {
    const outcome = await client.call(op, id, args, null, onProgress)
    if (typeof outcome === 'string') return JSON.parse(outcome)
    throw fromNative(outcome)
  }
  if (signal.aborted) throw aborted(signal)
  const handle = new CancelHandle()
  const unwatch = watch(signal, () => handle.cancel())
  let outcome
  try {
    outcome = await client.call(op, id, args, handle, onProgress)
  } finally {
    unwatch()
  }
  if (typeof outcome === 'string') return JSON.parse(outcome)
  throw fromNative(outcome, signal.reason)
}

module.exports = { call, encode, idOf, signalOf, stringOf }
