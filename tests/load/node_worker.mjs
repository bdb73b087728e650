// The Node worker of the load and soak tests (tests/load/run.py describes
// the settings): one Client shared by many async loops against an emulator,
// and one JSON line of results on stdout.

import { readFileSync, readdirSync } from 'node:fs'
import { Client, GenesisCloudError } from '../../node/index.mjs'

// Attempts a call makes when every retry is spent (maxRetries 2).
const MAX_ATTEMPTS = 3
const MAX_EXAMPLES = 10
// A public key the emulator accepts; only key names must be unique.
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRlc3RLZXlGb3JUaGVFbXVsYXRvcg load@worker'
const TRANSIENT = new Set(['server_error', 'timeout', 'connection'])

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}
const envInt = (name, fallback) => Number.parseInt(env(name, String(fallback)), 10)

/**
 * Whether a soak call of this kind ('read', 'write', 'delete') may fail this
 * way under the injected faults: reads and deletes are retried after
 * anything transient, writes only after a 429.
 */
function expected (kind, err) {
  const { code, attempts } = err
  if (code === 'decode') return true
  if (code === 'rate_limited') return attempts === MAX_ATTEMPTS
  if (TRANSIENT.has(code)) {
    return kind === 'write' ? attempts >= 1 && attempts <= MAX_ATTEMPTS : attempts === MAX_ATTEMPTS
  }
  // A retried DELETE whose first attempt did act finds nothing left.
  return code === 'not_found' && kind === 'delete' && attempts >= 2
}

const openFds = () => readdirSync('/proc/self/fd').length

function rssKb () {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  return line ? Number.parseInt(line.split(/\s+/)[1], 10) : 0
}

/** The client, the counters and the samples of one run. */
class Worker {
  constructor (faults) {
    const options = { maxRetries: MAX_ATTEMPTS - 1 }
    if (faults) options.timeoutMs = envInt('SOAK_TIMEOUT_MS', 2000)
    this.client = new Client(options)
    this.faults = faults
    this.calls = 0
    this.errors = {}
    this.unexpected = 0
    this.examples = []
    this.started = performance.now()
    this.samples = []
  }

  /** Runs one call and counts it; null when it failed. */
  async call (what, kind, fn) {
    this.calls += 1
    try {
      return await fn()
    } catch (err) {
      if (!(err instanceof GenesisCloudError)) throw err
      this.errors[err.code] = (this.errors[err.code] ?? 0) + 1
      if (!this.faults || !expected(kind, err)) {
        this.note(`${what}: ${err.code} after ${err.attempts} attempts: ${err.message}`)
      }
      return null
    }
  }

  /** Counts a call that succeeded with the wrong answer. */
  wrong (line) {
    this.errors.wrong_result = (this.errors.wrong_result ?? 0) + 1
    this.note(line)
  }

  note (line) {
    this.unexpected += 1
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(line)
  }

  // A full collection first (node --expose-gc), so that the sample shows
  // what is live rather than how far V8 let garbage and its heap grow.
  sample () {
    globalThis.gc?.()
    this.samples.push([Math.round(performance.now() - this.started), rssKb(), openFds()])
  }
}

async function load (w) {
  const getId = env('LOAD_GET_ID')
  const concurrency = envInt('LOAD_CONCURRENCY', 256)
  // `concurrency` loops share a counter: at most that many calls in flight.
  const batch = async (count) => {
    let next = 0
    const loop = async () => {
      for (let i = next++; i < count; i = next++) {
        if (i % 2 === 0) {
          await w.call('instances.get', 'read', () => w.client.instances.get(getId))
        } else {
          const page = (Math.floor(i / 2) % 5) + 1
          await w.call('images.list_page', 'read', () => w.client.images.listPage({ page, perPage: 20 }))
        }
      }
    }
    await Promise.all(Array.from({ length: concurrency }, loop))
  }
  w.sample()
  await batch(envInt('LOAD_WARMUP', 1024))
  w.sample()
  const requests = envInt('LOAD_REQUESTS', 10000)
  const started = performance.now()
  await batch(requests)
  const elapsed = performance.now() - started
  w.sample()
  return { measured: requests, elapsed_ms: Math.round(elapsed) }
}

const collect = async (iterable) => {
  const items = []
  for await (const item of iterable) items.push(item)
  return items
}

/** The cycle of ten operations every soak loop runs. */
class Soak {
  constructor (w) {
    this.w = w
    this.prefix = env('SOAK_PREFIX')
    this.region = env('SOAK_REGION')
    this.imageId = env('SOAK_IMAGE_ID')
    this.instanceType = env('SOAK_INSTANCE_TYPE')
    this.getId = env('LOAD_GET_ID')
    this.images = envInt('SOAK_IMAGES')
  }

  async step (op, name, seq) {
    const { w } = this
    const c = w.client
    if (op === 0 || op === 8) {
      const page = await w.call('images.list_page', 'read', () => c.images.listPage({ page: (seq % 5) + 1, perPage: 100 }))
      if (page && page.total_count !== this.images) w.wrong(`images.list_page: total_count ${page.total_count}`)
    } else if (op === 1 || op === 6) {
      const instance = await w.call('instances.get', 'read', () => c.instances.get(this.getId))
      if (instance && instance.id !== this.getId) w.wrong('instances.get: another instance')
    } else if (op === 2) {
      const images = await w.call('images.list', 'read', () => collect(c.images.list()))
      if (images && images.length !== this.images) w.wrong(`images.list: ${images.length} of ${this.images} images`)
    } else if (op === 3) {
      await this.sshKeyCycle(name)
    } else if (op === 4) {
      await w.call('instances.list_page', 'read', () => c.instances.listPage({ perPage: 50 }))
    } else if (op === 5) {
      await this.securityGroupCycle(name)
    } else if (op === 7) {
      await this.instanceCycle(name)
    } else {
      await w.call('ssh_keys.list_page', 'read', () => c.sshKeys.listPage())
    }
  }

  async sshKeyCycle (name) {
    const { w } = this
    const keys = w.client.sshKeys
    const key = await w.call('ssh_keys.create', 'write', () => keys.create({ name, value: SSH_KEY }))
    if (!key) return
    const renamed = `${key.name}-r`
    const updated = await w.call('ssh_keys.update', 'write', () => keys.update(key.id, { name: renamed }))
    if (updated && updated.name !== renamed) w.wrong('ssh_keys.update: name not changed')
    await w.call('ssh_keys.get', 'read', () => keys.get(key.id))
    await w.call('ssh_keys.delete', 'delete', () => keys.delete(key.id))
  }

  async securityGroupCycle (name) {
    const { w } = this
    const groups = w.client.securityGroups
    const rules = [{ direction: 'ingress', protocol: 'tcp', port_range_min: 443, port_range_max: 443 }]
    const group = await w.call('security_groups.create', 'write',
      () => groups.create({ name, region: this.region, rules }))
    if (!group) return
    await w.call('security_groups.update', 'write', () => groups.update(group.id, { description: 'soaked' }))
    await w.call('security_groups.delete', 'delete', () => groups.delete(group.id))
  }

  async instanceCycle (name) {
    const { w } = this
    const instances = w.client.instances
    const instance = await w.call('instances.create', 'write', () => instances.create({
      name, hostname: name, type: this.instanceType, image: this.imageId, region: this.region, password: 'Soak-pass-1234'
    }))
    if (!instance) return
    await w.call('instances.wait_until', 'read',
      () => instances.waitUntil(instance.id, 'active', { timeoutMs: 60000, intervalMs: 100, maxIntervalMs: 400 }))
    await w.call('instances.delete', 'delete', () => instances.delete(instance.id))
  }

  /**
   * Deletes what failed writes left behind (a POST that timed out may still
   * have created its resource): everything named with this worker's prefix
   * not already being deleted, in rounds until a complete listing finds
   * nothing. Returns what the first and the last complete listings found
   * (null: no listing got through).
   */
  async cleanup () {
    const { w } = this
    const c = w.client
    let first = null
    let last = null
    for (let round = 0; round < 5; round++) {
      let found = 0
      let complete = true
      for (const [what, group] of [['ssh_keys', c.sshKeys], ['security_groups', c.securityGroups], ['instances', c.instances]]) {
        const items = await w.call(`${what}.list`, 'read', () => collect(group.list()))
        if (!items) {
          complete = false
          continue
        }
        for (const item of items) {
          if (item.name.startsWith(this.prefix) && item.status !== 'deleting') {
            found += 1
            await w.call(`${what}.delete`, 'delete', () => group.delete(item.id))
          }
        }
      }
      if (complete) {
        first ??= found
        last = found
        if (found === 0) break
      }
    }
    return { leaked: first, leftover: last }
  }
}

async function soak (w) {
  const seconds = envInt('SOAK_SECONDS', 60)
  const concurrency = envInt('SOAK_CONCURRENCY', 16)
  const s = new Soak(w)
  const deadline = performance.now() + seconds * 1000
  w.sample()
  const sampler = setInterval(() => w.sample(), envInt('SOAK_SAMPLE_MS', 2000))
  const loop = async (task) => {
    for (let seq = 0; performance.now() < deadline; seq++) {
      await s.step((task + seq) % 10, `${s.prefix}-${task}-${seq}`, seq)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, task) => loop(task)))
  clearInterval(sampler)
  w.sample()
  return s.cleanup()
}

const mode = env('LOAD_MODE')
const w = new Worker(mode === 'soak')
const out = mode === 'soak' ? await soak(w) : await load(w)
Object.assign(out, {
  binding: 'node',
  mode,
  calls: w.calls,
  errors: w.errors,
  unexpected: w.unexpected,
  examples: w.examples,
  samples: w.samples,
  wall_ms: Math.round(performance.now() - w.started)
})
process.stdout.write(JSON.stringify(out) + '\n')
