// The shared conformance suite (tests/conformance/*.json), every scenario
// through the Node API: one test per file, failing on the first mismatch
// with the file, step and key.
//
// CONFORMANCE_DIR runs another folder of scenarios (the fault matrix of
// tests/faults/ generates one); CONFORMANCE_REPORT appends one JSON line per
// scenario to that file.

import { after, before, test } from 'node:test'
import { appendFileSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

import * as sdk from 'genesiscloud-sdk'
import { collect, startEmulator } from './helpers.mjs'

const dir = process.env.CONFORMANCE_DIR || fileURLToPath(new URL('../../tests/conformance/', import.meta.url))
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()

const CLASS_OF_CODE = {
  invalid_argument: sdk.InvalidArgumentError,
  bad_request: sdk.BadRequestError,
  authentication: sdk.AuthenticationError,
  permission_denied: sdk.PermissionDeniedError,
  not_found: sdk.NotFoundError,
  conflict: sdk.ConflictError,
  unprocessable_entity: sdk.UnprocessableEntityError,
  rate_limited: sdk.RateLimitError,
  server_error: sdk.InternalServerError,
  api_error: sdk.APIStatusError,
  timeout: sdk.APITimeoutError,
  connection: sdk.APIConnectionError,
  decode: sdk.DecodeError,
  wait_timeout: sdk.WaitTimeoutError,
  cancelled: sdk.AbortError,
}

// Each operation's name in Node and the shape of its arguments, rendered
// from the core's description of the API.
const OPERATIONS = new Map(
  JSON.parse(readFileSync(new URL('../../tests/surface/operations.json', import.meta.url), 'utf8')).operations.map(
    (op) => [op.name, op],
  ),
)

let emulator
let second

before(async () => {
  emulator = await startEmulator()
  second = await startEmulator()
})

after(async () => {
  await emulator.stop()
  await second.stop()
})

test('the suite has scenarios', () => {
  if (files.length === 0) throw new Error(`no scenario files in ${dir}`)
})

for (const file of files) {
  test(file, async () => {
    const scenario = JSON.parse(readFileSync(path.join(dir, file), 'utf8'))
    try {
      await runScenario(scenario, file)
    } catch (e) {
      report(file, e)
      throw e
    }
    report(file, null)
  })
}

function report(file, error) {
  if (!process.env.CONFORMANCE_REPORT) return
  const line = { language: 'node', client: 'Client', file, passed: error === null, message: error ? error.message : null }
  appendFileSync(process.env.CONFORMANCE_REPORT, JSON.stringify(line) + '\n')
}

async function runScenario(scenario, file) {
  const setup = scenario.emulator ?? {}
  await emulator.reset({ seed: setup.seed ?? 'default' })
  await second.reset()
  emulator.configure({ lifecycleDelayMs: setup.lifecycle_delay_ms ?? 0, rateLimit: setup.rate_limit ?? null })
  if (setup.synthetic) await emulator.seed(setup.synthetic)
  const client = buildClient(scenario.client ?? {})
  const saved = {
    second_root: second.rootUrl,
    emulator_root: emulator.rootUrl,
    emulator_token: emulator.token,
  }
  for (const [i, step] of scenario.steps.entries()) {
    try {
      await runStep(client, step, saved)
    } catch (e) {
      e.message = `${file}: step ${i + 1} (${step.call}): ${e.message}`
      throw e
    }
  }
}

function buildClient(c) {
  const token = c.token === undefined || c.token === '$emulator_token' ? emulator.token : c.token
  return new sdk.Client({
    token,
    baseUrl: emulator.baseUrl,
    authScheme: c.auth_scheme,
    timeoutMs: c.timeout_ms,
    connectTimeoutMs: c.connect_timeout_ms,
    deadlineMs: c.deadline_ms,
    maxRetries: c.max_retries,
    perPage: c.per_page,
    concurrency: c.concurrency,
  })
}

/** A step's per-call `options` as the options object of a Node call. */
function perCall(o) {
  if (o === undefined) return {}
  const out = {
    timeoutMs: o.timeout_ms,
    deadlineMs: o.deadline_ms,
    maxRetries: o.max_retries,
    concurrency: o.concurrency,
    headers: o.headers,
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined))
}

/** The client a step's `with_options` derives from the scenario's. */
function derive(client, o) {
  return client.withOptions({
    timeoutMs: o.timeout_ms,
    deadlineMs: o.deadline_ms,
    maxRetries: o.max_retries,
    perPage: o.per_page,
    concurrency: o.concurrency,
    headers: o.headers,
  })
}

/**
 * A step's `progress`: records what the wait's `onProgress` is told (an
 * async function, so that the next poll must wait for it) and throws its
 * own error at poll `stop_at_poll`; the wait must reject with that very
 * value, which counts as the error `cancelled`.
 */
class Recorder {
  constructor(spec) {
    this.seen = []
    this.stopAt = spec.stop_at_poll
    this.thrown = undefined
    this.onProgress = async (p) => {
      this.seen.push(p)
      if (this.stopAt !== undefined && p.polls >= this.stopAt) {
        this.thrown = new Error(`stopped at poll ${p.polls}`)
        throw this.thrown
      }
    }
  }

  check(outcome, want) {
    this.seen.forEach((p, i) => {
      if (p.polls !== i + 1) throw new Error(`progress: call ${i + 1} reported poll ${p.polls}`)
      if (i > 0 && p.elapsedMs < this.seen[i - 1].elapsedMs) {
        throw new Error(`progress: the time waited went back at call ${i + 1}`)
      }
    })
    if (this.stopAt !== undefined && !outcome.own) {
      throw new Error(`progress: the wait did not end with the callback's error: ${show(outcome)}`)
    }
    if (want === undefined) return
    const statuses = []
    for (const p of this.seen) if (statuses.length === 0 || statuses[statuses.length - 1] !== p.status) statuses.push(p.status)
    if (want.statuses !== undefined && show(statuses) !== show(want.statuses)) {
      throw new Error(`progress.statuses: expected ${show(want.statuses)}, got ${show(statuses)}`)
    }
    if (want.polls !== undefined && this.seen.length !== want.polls) {
      throw new Error(`progress.polls: expected ${want.polls}, got ${this.seen.length}`)
    }
    if (this.seen.length < (want.min_polls ?? 0)) {
      throw new Error(`progress.min_polls: expected at least ${want.min_polls}, got ${this.seen.length}`)
    }
  }
}

async function runStep(client, step, saved) {
  emulator.clearFaults()
  emulator.clearRequests()
  second.clearRequests()
  for (const fault of step.faults ?? []) emulator.injectFault(substitute(fault, saved))
  const args = substitute(step.args ?? {}, saved)
  const recorder = step.progress ? new Recorder(step.progress) : undefined
  const responses = step.responses ? [] : undefined
  let outcome
  const started = performance.now()
  try {
    const target = step.with_options ? derive(client, step.with_options) : client
    outcome = { ok: await dispatch(target, step.call, args, perCall(step.options), recorder, responses) }
  } catch (error) {
    if (recorder !== undefined && recorder.thrown !== undefined && error === recorder.thrown) {
      outcome = { error, own: true }
    } else {
      if (!(error instanceof sdk.GenesisCloudError)) throw error
      outcome = { error }
    }
  }
  const elapsedMs = performance.now() - started
  const expect = substitute(step.expect ?? {}, saved)
  recorder?.check(outcome, expect.progress)
  checkOutcome(outcome, expect)
  if (elapsedMs < (expect.min_elapsed_ms ?? 0)) {
    throw new Error(`min_elapsed_ms: expected at least ${expect.min_elapsed_ms} ms, the call took ${elapsedMs.toFixed(0)} ms`)
  }
  if (expect.responses) checkResponses((responses ?? []).map(responseJson), expect.responses)
  if (expect.requests) checkRequests(emulator.requests(), expect.requests, 'requests')
  if (expect.second_requests) checkRequests(second.requests(), expect.second_requests, 'second_requests')
  if (step.save && 'ok' in outcome) saved[step.save] = outcome.ok
}

/**
 * Replaces `"$name.path"` strings with values saved by earlier steps, and
 * `"$repeat:N:text"` with `text` N times.
 */
function substitute(value, saved) {
  if (typeof value === 'string' && value.startsWith('$repeat:')) {
    const [count, ...text] = value.slice('$repeat:'.length).split(':')
    return text.join(':').repeat(Number(count))
  }
  if (typeof value === 'string' && value.startsWith('$')) {
    const [name, ...fields] = value.slice(1).split('.')
    if (!(name in saved)) throw new Error(`nothing saved as ${value}`)
    let cur = saved[name]
    for (const f of fields) {
      if (cur === null || typeof cur !== 'object' || !(f in cur)) throw new Error(`${value}: no field ${f}`)
      cur = cur[f]
    }
    return cur
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, saved))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, saved)]))
  }
  return value
}

/** The SDK contract's list arguments (`per_page`, filters) as Node's list parameters. */
function listParams(args) {
  const { per_page: perPage, ...rest } = args
  return perPage === undefined ? rest : { ...rest, perPage }
}

function take(args, key) {
  const { [key]: value, ...rest } = args
  return [value ?? '', rest]
}

function camel(snake) {
  return snake.replace(/_(.)/g, (_, c) => c.toUpperCase())
}

/**
 * Makes the call through the Node API, shaped by the operation's row of
 * tests/surface/operations.json: the id and the required arguments
 * positionally, list arguments as list parameters, a body as the body,
 * optional arguments in the options; the result as JSON-like data.
 */
async function dispatch(client, call, args, perCall, recorder, responses) {
  const op = OPERATIONS.get(call)
  if (op === undefined) throw new Error(`unknown call ${call}`)
  const path = op.node.split('.')
  const target = path.length === 2 ? client[path[0]] : client
  const method = target[path.at(-1)].bind(target)
  const [id, rest] = op.takes_id ? take(args, 'id') : ['', args]
  const ids = op.takes_id ? [id] : []
  switch (op.kind) {
    // The raw answers the Node way: `onResponse` for a lazy list, whose
    // pages arrive while it is read; `.withResponse()` for the others.
    case 'lazy': {
      const options = responses ? { ...perCall, onResponse: (r) => responses.push(r) } : perCall
      return collect(method(...ids, listParams(rest), options))
    }
    case 'page':
      return answered(method(...ids, listParams(rest), perCall), responses)
    case 'wait': {
      // The scenarios' durations are in milliseconds; polls are fast and
      // capped, as in every runner.
      const interval = rest.interval_ms ?? 50
      return method(...ids, rest.status, {
        timeoutMs: rest.timeout_ms,
        intervalMs: interval,
        maxIntervalMs: interval * 4,
        onProgress: recorder?.onProgress,
      })
    }
  }
  const positional = [...ids]
  const options = { ...perCall }
  for (const p of op.params) {
    if (p.required) positional.push(rest[p.name])
    else if (rest[p.name] !== undefined) options[camel(p.name)] = rest[p.name]
  }
  if (op.body !== null) positional.push(rest)
  return nullIfUndefined(await answered(method(...positional, options), responses))
}

/** The call's result; with `responses`, through `withResponse()`, keeping its raw answer. */
async function answered(call, responses) {
  if (responses === undefined) return call
  const { data, response } = await call.withResponse()
  responses.push(response)
  return data
}

/** A raw answer as the scenarios name its parts. */
function responseJson(r) {
  return {
    method: r.method,
    path: r.path,
    status: r.status,
    headers: r.headers,
    request_id: r.requestId,
    attempts: r.attempts,
    elapsed_ms: r.elapsedMs,
  }
}

/**
 * The raw answers of a `responses` step: how many, what each and the last
 * one hold, and request ids that are the answers' own and differ.
 */
function checkResponses(got, want) {
  if (want.count !== undefined && got.length !== want.count) {
    throw new Error(`responses.count: expected ${want.count}, got ${got.length}`)
  }
  if (want.each !== undefined) got.forEach((r, i) => subset(r, want.each, `responses[${i}]`))
  if (want.last !== undefined) {
    if (got.length === 0) throw new Error('responses.last: none')
    subset(got.at(-1), want.last, 'responses.last')
  }
  if (want.request_ids) {
    const seen = new Set()
    for (const r of got) {
      if (!r.request_id || r.headers['x-request-id'] !== r.request_id || seen.has(r.request_id)) {
        throw new Error(`responses.request_ids: bad or repeated id in ${show(r)}`)
      }
      seen.add(r.request_id)
    }
  }
}

function nullIfUndefined(v) {
  return v === undefined ? null : v
}

function show(v) {
  return JSON.stringify(v)
}

function checkOutcome(outcome, expect) {
  // The callback's own error stands for `cancelled`: it has no other field.
  if (outcome.own && expect.error) {
    if (show(expect.error) !== show({ code: 'cancelled' })) throw new Error(`error: expected ${show(expect.error)}, got the callback's own error`)
    return
  }
  if ('error' in outcome && expect.error) return checkError(outcome.error, expect.error)
  if ('error' in outcome) throw new Error(`expected success, got ${outcome.error.stack}`)
  if (expect.error) throw new Error(`expected error ${show(expect.error)}, got success: ${show(outcome.ok)?.slice(0, 500)}`)
  checkResult(outcome.ok, expect)
}

function checkError(e, want) {
  const got = {
    code: e.code,
    // Node's message leads with the code, as its `Error` text reads.
    message: e.message.startsWith(`${e.code}: `) ? e.message.slice(e.code.length + 2) : e.message,
    status: e.status,
    api_code: e.apiCode,
    attempts: e.attempts,
    request_sent: e.requestSent,
  }
  for (const [k, v] of Object.entries(want)) {
    if (got[k] !== v) throw new Error(`error.${k}: expected ${show(v)}, got ${show(got[k])} (${e.message})`)
  }
  const cls = CLASS_OF_CODE[e.code]
  if (!(e instanceof cls)) throw new Error(`error class: ${e.code} should be a ${cls.name}, got ${e.name}`)
}

function items(v) {
  if (Array.isArray(v)) return v
  if (v !== null && typeof v === 'object' && Array.isArray(v.items)) return v.items
  return undefined
}

function checkResult(v, expect) {
  if ('result' in expect) subset(v, expect.result, 'result')
  if (expect.count !== undefined) {
    const list = items(v)
    if (!list) throw new Error('count: result is not a list')
    if (list.length !== expect.count) throw new Error(`count: expected ${expect.count}, got ${list.length}`)
  }
  const ids = (key) => {
    const list = items(v)
    if (!list) throw new Error(`${key}: result is not a list`)
    return list.map((i) => i.id)
  }
  if (expect.ids !== undefined) {
    const got = ids('ids')
    if (show(got) !== show(expect.ids)) throw new Error(`ids: expected ${show(expect.ids)}, got ${show(got)}`)
  }
  if (expect.unique_ids === true) {
    const all = ids('unique_ids')
    const distinct = new Set(all.map(show)).size
    if (distinct !== all.length) throw new Error(`unique_ids: ${all.length} ids, ${distinct} distinct`)
  }
  if (expect.contains !== undefined) {
    const list = items(v)
    if (!list) throw new Error('contains: result is not a list')
    for (const w of expect.contains) {
      if (!list.some((item) => matches(item, w))) throw new Error(`contains: no element matches ${show(w)}`)
    }
  }
}

function matches(got, want) {
  try {
    subset(got, want, '')
    return true
  } catch {
    return false
  }
}

function subset(got, want, at) {
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) throw new Error(`${at}: expected ${show(want)}, got ${show(got)}`)
    if (got.length !== want.length) throw new Error(`${at}: expected ${want.length} elements, got ${got.length}`)
    want.forEach((w, i) => subset(got[i], w, `${at}[${i}]`))
    return
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) {
      throw new Error(`${at}: expected ${show(want)}, got ${show(got)}`)
    }
    for (const [k, w] of Object.entries(want)) {
      if (!(k in got)) throw new Error(`${at}.${k}: missing`)
      subset(got[k], w, `${at}.${k}`)
    }
    return
  }
  if (got !== want) throw new Error(`${at}: expected ${show(want)}, got ${show(got)}`)
}

function checkRequests(log, want, what) {
  if (want.count !== undefined && log.length !== want.count) {
    const seen = log.map((r) => `${r.method} ${r.path} -> ${r.status}`)
    throw new Error(`${what}.count: expected ${want.count}, got ${log.length} ${show(seen)}`)
  }
  for (const key of ['auth', 'method']) {
    if (want[key] === undefined) continue
    const bad = log.find((r) => r[key] !== want[key])
    if (bad) throw new Error(`${what}.${key}: expected ${show(want[key])}, got ${show(bad[key])}`)
  }
  for (const [name, value] of Object.entries(want.headers ?? {})) {
    const bad = log.find((r) => (r.headers[name] ?? null) !== value)
    if (bad) throw new Error(`${what}.headers.${name}: expected ${show(value)}, got ${show(bad.headers[name])}`)
  }
}
