'use strict'
// `new Client(options)`: checks the options' types, builds the native
// client (which holds the token; this object never does), and exposes the
// resource groups. Inspecting or serialising a client shows no token.

const { inspect } = require('node:util')

const { NativeClient, createClient } = require('./native')
const { fromNative } = require('./errors')
const { checkedOptions, derive } = require('./options')
const { AccountOperations, groupsOf } = require('./resources')

/** Each option and the check of its value. */
const OPTIONS = {
  token: 'string',
  baseUrl: 'string',
  authScheme: 'string',
  timeoutMs: 'number',
  connectTimeoutMs: 'number',
  deadlineMs: 'number',
  maxRetries: 'integer',
  perPage: 'integer',
  concurrency: 'integer',
  maxRequestsPerSecond: 'number',
  caBundle: 'string',
  proxy: 'string',
}

/** The native options of `new Client(options)`. */
function nativeOptions(options) {
  return { ...checkedOptions(options, OPTIONS, 'client options'), nodeVersion: process.version }
}

/** A native client made by `withOptions`, which the constructor adopts. */
class Derived {
  constructor(native) {
    this.native = native
  }
}

/** A Genesis Cloud API client. */
class Client extends AccountOperations {
  #native

  constructor(options) {
    const built = options instanceof Derived ? options.native : createClient(nativeOptions(options))
    if (!(built instanceof NativeClient)) throw fromNative(built)
    super(built, 'client')
    this.#native = built
    Object.defineProperties(this, groupsOf(built))
  }

  /**
   * A new client that overrides the settings given (`timeoutMs`,
   * `deadlineMs`, `maxRetries`, `perPage`, `concurrency`, `headers`) and
   * shares this one's connections, token and every other setting. This
   * client is not changed.
   */
  withOptions(options) {
    return new Client(new Derived(derive(this.#native, options, 'withOptions options')))
  }

  /** The base URL requests go to. */
  get baseUrl() {
    return this.#native.describe().baseUrl
  }

  /** How the token is sent: `"x-auth-token"` or `"bearer"`. */
  get authScheme() {
    return this.#native.describe().authScheme
  }

  /** What `JSON.stringify` shows: settings, never the token. */
  toJSON() {
    return { ...this.#native.describe(), token: '***' }
  }

  [inspect.custom](depth, options, inspectValue = inspect) {
    return `Client ${inspectValue(this.toJSON(), options)}`
  }
}

module.exports = { Client }
