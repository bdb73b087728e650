'use strict'
// `Emulator` of `genesiscloud-sdk/testing`: the bundled API emulator,
// running in this process on its own threads.

const { inspect } = require('node:util')

const { NativeEmulator, startEmulator } = require('./native')
const { fromNative, invalidArgument } = require('./errors')
const { Client } = require('./client')

/** Throws the failure a synchronous native method reported, if any. */
function check(outcome) {
  if (outcome !== undefined && outcome !== null && typeof outcome === 'object') {
    throw fromNative(outcome)
  }
  return outcome
}

/** An options object as JSON, or undefined. */
function json(value, what) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidArgument(`${what} must be an object`)
  return JSON.stringify(value)
}

const CONSTRUCT = Symbol('construct')

/** A running emulator of the Genesis Cloud API, for tests. */
class Emulator {
  #native

  /** Use `await Emulator.start()`. */
  constructor(key, native) {
    if (key !== CONSTRUCT) throw new TypeError('use `await Emulator.start()` to start an emulator')
    this.#native = native
  }

  /** Starts an emulator on a free loopback port. */
  static async start(options) {
    const started = await startEmulator(json(options, 'emulator options'))
    if (!(started instanceof NativeEmulator)) throw fromNative(started)
    return new Emulator(CONSTRUCT, started)
  }

  /** The base URL for clients: `http://127.0.0.1:PORT/compute/v1` (`https://` with `tls`). */
  get baseUrl() {
    return this.#native.baseUrl
  }

  /** The server's root, under which the control API lives at `/_emulator`. */
  get rootUrl() {
    return this.#native.rootUrl
  }

  /** With `tls: true`, the file holding the CA certificate (PEM) to trust; null otherwise. */
  get caPath() {
    return this.#native.caPath ?? null
  }

  /** A token the emulator accepts. */
  get token() {
    return this.#native.token
  }

  /** A client of this emulator; `options` may override any setting. */
  client(options) {
    const caBundle = this.caPath ?? undefined
    return new Client({ baseUrl: this.baseUrl, token: this.token, caBundle, ...options })
  }

  /** Adds a fault, in the JSON form of `POST /_emulator/faults`. */
  injectFault(fault) {
    check(this.#native.injectFault(json(fault, 'fault') ?? '{}'))
  }

  /** Removes every fault. */
  clearFaults() {
    check(this.#native.clearFaults())
  }

  /**
   * Changes `lifecycleDelayMs`, `latencyMs` or `rateLimit` (requests per
   * second; `null` turns it off); absent settings keep their value.
   */
  configure(changes) {
    check(this.#native.configure(json(changes, 'changes') ?? '{}'))
  }

  /** Every `/compute/v1` request so far, oldest first, tokens redacted. */
  requests() {
    return JSON.parse(check(this.#native.requests()))
  }

  /** Empties the request log. */
  clearRequests() {
    check(this.#native.clearRequests())
  }

  /**
   * Restores the initial data (or `seed`: `"default"`, `"legacy"`, `"empty"` or a seed
   * document) and clears faults, the request log and changed settings.
   */
  async reset(options) {
    const seed = options?.seed
    check(await this.#native.reset(seed === undefined ? undefined : JSON.stringify(seed)))
  }

  /** Adds synthetic items: `{ images: 1000, instances: 10 }`. */
  async seed(counts) {
    check(await this.#native.seed(json(counts, 'counts') ?? '{}'))
  }

  /** Shuts the server down; idempotent. */
  async stop() {
    check(await this.#native.stop())
  }

  [inspect.custom]() {
    return `Emulator { baseUrl: ${inspect(this.baseUrl)} }`
  }
}

module.exports = { Emulator }
