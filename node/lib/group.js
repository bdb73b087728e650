'use strict'
// What every resource group shares: the native client, and the one call
// each operation goes through. The groups themselves (./resources.js) are
// generated from the core's description of the API; this module is the
// hand-written part they stand on.

const { inspect } = require('node:util')

const { call, encode, idOf, signalOf, stringOf } = require('./call')
const { invalidArgument } = require('./errors')
const { CallPromise } = require('./call_promise')
const { deliver, nativeFor, onResponseOf } = require('./options')
const { iterate } = require('./pagination')

/** `{ page, perPage, ...filters }` as the wire's query parameters, JSON;
 * the core checks the numbers, in the words it uses in every language. */
function listArgs(params) {
  if (params === undefined || params === null) return undefined
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw invalidArgument('list parameters must be an object')
  }
  const { page, perPage, ...rest } = params
  return encode({ ...rest, page, per_page: perPage }, 'list parameters')
}

/** A finite number of milliseconds, or undefined. */
function millis(value, what) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidArgument(`${what} must be a finite number of milliseconds, not ${inspect(value)}`)
  }
  return value
}

// The calls the generated methods go through, kept off the groups' public
// surface.
const RUN = Symbol('run')
const CALL = Symbol('call')
const PAGE = Symbol('page')
const LIST = Symbol('list')
const WAIT = Symbol('wait')

/** A resource group (or the account's operations, group `client`). */
class Group {
  #native
  #group

  constructor(native, group) {
    this.#native = native
    this.#group = group
  }

  /** Runs operation `verb` of this group with `args`, JSON text or
   * undefined, and the per-call `options`; a wait tells `onProgress` (the
   * wrapper of [WAIT]) of each poll. */
  [CALL](verb, id, args, options, onProgress) {
    const onResponse = onResponseOf(options)
    const native = nativeFor(this.#native, options, false, onResponse !== undefined)
    const pending = call(native, `${this.#group}.${verb}`, id, args, options, onProgress)
    if (onResponse === undefined) return pending
    return pending.then((data) => {
      deliver(native, onResponse)
      return data
    })
  }

  /** The call `run(options)` makes, as the CallPromise an operation
   * returns; `empty` for an operation that resolves with nothing. */
  [RUN](options, run, empty = false) {
    return new CallPromise(options, run, empty)
  }

  /** One page of list `verb`. */
  [PAGE](verb, id, params, options) {
    return this[CALL](verb, id, listArgs(params), options)
  }

  /** Lists with operation `verb` of this group; arguments are checked on
   * the first `next()`, where a list reports its failures. */
  [LIST](verb, id, params, options) {
    const native = this.#native
    const op = `${this.#group}.${verb}`
    return iterate(
      () => {
        const onResponse = onResponseOf(options)
        const derived = nativeFor(native, options, true, onResponse !== undefined)
        const pages = derived.list(op, idOf(id), listArgs(params))
        return { pages, answered: onResponse && (() => deliver(derived, onResponse)) }
      },
      () => signalOf(options),
    )
  }

  /** Polls until the resource `id` reaches `status`. `onProgress` is told
   * of each poll; what it throws (or its promise rejects with) rejects the
   * wait, the very value. */
  async [WAIT](id, status, options) {
    const args = {
      status: stringOf(status, 'status'),
      timeout_ms: millis(options?.timeoutMs, 'timeoutMs'),
      interval_ms: millis(options?.intervalMs, 'intervalMs'),
      max_interval_ms: millis(options?.maxIntervalMs, 'maxIntervalMs'),
    }
    // The wait's `timeoutMs` is the wait's own, not an attempt's: the
    // polls take no per-call options but the signal.
    const signal = options?.signal
    const pollOptions = signal === undefined ? undefined : { signal }
    const onProgress = options?.onProgress
    // A thrown value cannot cross to native code: it waits here while the
    // native side is told to stop, and is rethrown when the wait ends.
    let thrown
    let report
    if (onProgress !== undefined && onProgress !== null) {
      if (typeof onProgress !== 'function') {
        throw invalidArgument(`onProgress must be a function, not ${typeof onProgress}`)
      }
      report = async (p) => {
        try {
          await onProgress({ status: p.status ?? null, polls: p.polls, elapsedMs: p.elapsedMs })
          return true
        } catch (e) {
          thrown = { value: e }
          return false
        }
      }
    }
    try {
      return await this[CALL]('wait_until', idOf(id), encode(args, 'arguments'), pollOptions, report)
    } catch (e) {
      if (thrown !== undefined) throw thrown.value
      throw e
    }
  }
}

/** A request body as JSON text. */
function bodyOf(body) {
  return encode(body ?? {}, 'the request body')
}

module.exports = { CALL, Group, LIST, PAGE, RUN, WAIT, bodyOf, encode, idOf, signalOf, stringOf }
