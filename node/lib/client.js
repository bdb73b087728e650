'use strict'
// `new Client(options)`: checks the options' types, builds the native
// client (which holds the token; this object never does), and exposes the
// resource groups. Inspecting or serialising a client shows no token.

const { inspect } = require('node:util')

const { NativeClient, createClient } = require('./native')
const { stringOf } = require('./call')
const { fromNative, invalidArgument } = require('./errors')
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
    const derived = this.#native.withOptions(checkedOptions(options, DERIVED_OPTIONS, 'withOptions options'))
    if (!(derived instanceof NativeClient)) throw fromNative(derived)
    return new Client(new Derived(derived))
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
