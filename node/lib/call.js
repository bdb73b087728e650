'use strict'
// One native call as the caller's Promise: the `{ signal }` option wired to
// a native cancel handle, arguments as JSON, the result parsed, and a
// failure thrown as its error class from this async function, so that the
// stack trace continues into the caller's code.

const { watch } = require('./abort')
const { CancelHandle } = require('./native')
const { aborted, fromNative, invalidArgument } = require('./errors')

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

/** The id argument, checked for type (the core checks its content). */
function idOf(id, what = 'id') {
  if (typeof id !== 'string') throw invalidArgument(`${what} must be a string, not ${typeof id}`)
  return id
}

/** A request body or parameters as JSON text. */
function encode(value, what) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument(`${what} must be an object`)
  }
  try {
    return JSON.stringify(value)
  } catch (e) {
    throw invalidArgument(`${what} cannot be encoded as JSON: ${e.message}`, e)
  }
}

/**
 * Runs native operation `op` and resolves with its parsed JSON result.
 * `args` is already JSON text (or undefined).
 */
async function call(client, op, id, args, options) {
  const signal = signalOf(options)
  if (signal === undefined) {
    const outcome = await client.call(op, id, args, null)
    if (typeof outcome === 'string') return JSON.parse(outcome)
    throw fromNative(outcome)
  }
  if (signal.aborted) throw aborted(signal)
  const handle = new CancelHandle()
  const unwatch = watch(signal, () => handle.cancel())
  let outcome
  try {
    outcome = await client.call(op, id, args, handle)
  } finally {
    unwatch()
  }
  if (typeof outcome === 'string') return JSON.parse(outcome)
  throw fromNative(outcome, signal.reason)
}

module.exports = { call, encode, idOf, signalOf }
