'use strict'
// The Promise every operation returns: a call that starts on its own (as an
// async function's would), and whose `withResponse()`, asked for before it
// starts, resolves with the raw answer beside the result, as in the
// Stainless-generated SDKs (`await client.x.get(id).withResponse()`).

const { invalidArgument } = require('./errors')

function nothing() {
  return undefined
}

/**
 * A call made by `run(options)` with the caller's `options`, or, through
 * `withResponse()`, with an `onResponse` added that records the answer.
 * The call starts in the microtask after the operation returns, so that a
 * `withResponse()` chained onto it comes first; nothing else waits for it.
 */
class CallPromise extends Promise {
  #options
  #run
  #empty
  #started

  constructor(options, run, empty) {
    // The base Promise is a placeholder: then/catch/finally below read the
    // call's own promise.
    super((resolve) => resolve(undefined))
    this.#options = options
    this.#run = run
    this.#empty = empty
    queueMicrotask(() => this.#start(options))
  }

  // Promise methods of a CallPromise make plain Promises.
  static get [Symbol.species]() {
    return Promise
  }

  #start(options) {
    if (this.#started === undefined) {
      let pending
      try {
        pending = this.#run(options)
      } catch (e) {
        // A bad argument rejects the call, as an async function's would.
        pending = Promise.reject(e)
      }
      this.#started = this.#empty ? pending.then(nothing) : pending
    }
    return this.#started
  }

  /**
   * The result and the raw answer of the call's request: `{ data, response }`,
   * `response` holding `status`, `headers` (through the log allow-list),
   * `requestId`, `attempts`, `elapsedMs`, `method` and `path`. Chain it
   * onto the call itself: `await client.instances.get(id).withResponse()`.
   */
  withResponse() {
    if (this.#started !== undefined) {
      return Promise.reject(
        invalidArgument('withResponse() must be chained onto the call itself, before the call is awaited'),
      )
    }
    let response
    const theirs = this.#options?.onResponse
    const record = (r) => {
      response = r
      if (typeof theirs === 'function') theirs(r)
    }
    const options =
      theirs === undefined || theirs === null || typeof theirs === 'function'
        ? { ...this.#options, onResponse: record }
        : this.#options
    return this.#start(options).then((data) => ({ data, response }))
  }

  then(onFulfilled, onRejected) {
    return this.#start(this.#options).then(onFulfilled, onRejected)
  }

  catch(onRejected) {
    return this.#start(this.#options).catch(onRejected)
  }

  finally(onFinally) {
    return this.#start(this.#options).finally(onFinally)
  }
}

module.exports = { CallPromise }
