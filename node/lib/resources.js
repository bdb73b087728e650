'use strict'
// The resource groups (`client.instances`, …): the SDK contract's operations in
// camelCase, each one native operation named in the contract's snake_case.

const { inspect } = require('node:util')

const { call, encode, idOf, signalOf, stringOf } = require('./call')
const { invalidArgument } = require('./errors')
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

// Operations shared by the groups, kept off their public surface.
const CALL = Symbol('call')
const LIST = Symbol('list')

/** Images: list only. */
class Listed {
  #native
  #group

  constructor(native, group) {
    this.#native = native
    this.#group = group
  }

  /** Every item, lazily, as an async iterable (`for await`). */
  list(params, options) {
    return this[LIST]('list', '', params, options)
  }

  /** Exactly one page: `{ items, total_count, page, per_page }`. */
  async listPage(params, options) {
    return await call(this.#native, `${this.#group}.list_page`, '', listArgs(params), options)
  }

  /** Runs operation `verb` of this group. */
  [CALL](verb, id, args, options, onProgress) {
    return call(this.#native, `${this.#group}.${verb}`, id, args, options, onProgress)
  }

  /** Lists with operation `verb` of this group; arguments are checked on
   * the first `next()`, where a list reports its failures. */
  [LIST](verb, id, params, options) {
    const native = this.#native
    const op = `${this.#group}.${verb}`
    return iterate(
      () => native.list(op, idOf(id), listArgs(params)),
      () => signalOf(options),
    )
  }
}

/** SSH keys: list, get, create, update, delete. */
class Managed extends Listed {
  /** Fetches one resource by id. */
  async get(id, options) {
    return await this[CALL]('get', idOf(id), undefined, options)
  }

  /** Creates a resource from the request body. */
  async create(body, options) {
    return await this[CALL]('create', '', encode(body ?? {}, 'the request body'), options)
  }

  /** Changes a resource. */
  async update(id, body, options) {
    return await this[CALL]('update', idOf(id), encode(body ?? {}, 'the request body'), options)
  }

  /** Deletes a resource. */
  async delete(id, options) {
    await this[CALL]('delete', idOf(id), undefined, options)
  }
}

/** Resources with a lifecycle status. */
class Stateful extends Managed {
  /**
   * Polls until the resource reaches `status`; resolves with it, or null
   * for "deleted". `onProgress` is told of each poll; what it throws (or
   * its promise rejects with) rejects the wait, the very value.
   */
  async waitUntil(id, status, options) {
    const args = {
      status: stringOf(status, 'status'),
      timeout_ms: millis(options?.timeoutMs, 'timeoutMs'),
      interval_ms: millis(options?.intervalMs, 'intervalMs'),
      max_interval_ms: millis(options?.maxIntervalMs, 'maxIntervalMs'),
    }
    const onProgress = options?.onProgress
    if (onProgress === undefined || onProgress === null) {
      return await this[CALL]('wait_until', idOf(id), encode(args, 'arguments'), options)
    }
    if (typeof onProgress !== 'function') {
      throw invalidArgument(`onProgress must be a function, not ${typeof onProgress}`)
    }
    // A thrown value cannot cross to native code: it waits here while the
    // native side is told to stop, and is rethrown when the wait ends.
    let thrown
    const report = async (p) => {
      try {
        await onProgress({ status: p.status ?? null, polls: p.polls, elapsedMs: p.elapsedMs })
        return true
      } catch (e) {
        thrown = { value: e }
        return false
      }
    }
    try {
      return await this[CALL]('wait_until', idOf(id), encode(args, 'arguments'), options, report)
    } catch (e) {
      if (thrown !== undefined) throw thrown.value
      throw e
    }
  }
}

/** Instances, their actions, snapshots and metadata. */
class Instances extends Stateful {
  /** The actions the instance's current status allows. */
  async actions(id, options) {
    return await this[CALL]('actions', idOf(id), undefined, options)
  }

  /** Starts, stops or resets the instance. */
  async performAction(id, action, options) {
    const args = encode({ action: stringOf(action, 'action') }, 'arguments')
    await this[CALL]('perform_action', idOf(id), args, options)
  }

  /** Every snapshot of the instance, lazily. */
  listSnapshots(id, params, options) {
    return this[LIST]('list_snapshots', id, params, options)
  }

  /** One page of the instance's snapshots. */
  async listSnapshotsPage(id, params, options) {
    return await this[CALL]('list_snapshots_page', idOf(id), listArgs(params), options)
  }

  /** Snapshots the instance's disk. */
  async createSnapshot(id, body, options) {
    return await this[CALL]('create_snapshot', idOf(id), encode(body ?? {}, 'the request body'), options)
  }

  /** The metadata the instance was created with. */
  async userMetadata(id, options) {
    return await this[CALL]('user_metadata', idOf(id), undefined, options)
  }
}

/** Snapshots, which can also be cloned. */
class Snapshots extends Stateful {
  /** Copies a snapshot, possibly into another region. */
  async clone(id, body, options) {
    return await this[CALL]('clone', idOf(id), encode(body ?? {}, 'the request body'), options)
  }
}

module.exports = { Listed, Managed, Stateful, Instances, Snapshots }
