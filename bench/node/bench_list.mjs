// Listing and single-get speed of the Node SDK against a plain `fetch`
// loop, over the emulator running in its own process.
//
//   node bench/node/bench_list.mjs                 # starts target/release/genesiscloud-emulator
//   node bench/node/bench_list.mjs --url http://127.0.0.1:8080/compute/v1 --runs 5
//
// Scenarios (medians of --runs runs, after one warm-up):
//
// * list 10,000 images with 20 ms of latency per request (I/O-bound: the
//   SDK fetches 4 pages at a time, `fetch` one page after the other; the
//   "fetch x4" row gives the baseline the same concurrency);
// * list 100,000 images with no latency (CPU-bound: decoding and building
//   objects; the target is at least the items/s of fetch + JSON.parse);
// * 1,000 sequential gets of one volume with no latency.
//
// The ratio column is the SDK's speed divided by that of the fetch loop.
// Build the SDK in release mode first (`npm run build` in node/).

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import path from 'node:path'
import readline from 'node:readline'

import { Client } from '../../node/index.mjs'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const TOKEN = 'gc-emulator-token'
const PER_PAGE = 100

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    runs: { type: 'string', default: '5' },
    binary: { type: 'string', default: path.join(REPO, 'target/release/genesiscloud-emulator') },
  },
})
const RUNS = Number(args.runs)

/** The base URL of a running emulator: --url, or a process we start. */
async function emulator() {
  if (args.url) return { url: args.url, stop() {} }
  const command = existsSync(args.binary)
    ? [args.binary, ['--port', '0']]
    : ['cargo', ['run', '-q', '-p', 'genesiscloud-emulator', '--release', '--', '--port', '0']]
  const child = spawn(command[0], command[1], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout })
  const [url] = await new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve([line.trim()]))
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)))
  })
  lines.close()
  return { url, stop: () => child.kill('SIGTERM') }
}

async function control(root, what, body) {
  const res = await fetch(`${root}/_emulator/${what}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`)
}

async function prepare(root, images, latencyMs) {
  await control(root, 'reset', { seed: 'empty' })
  await control(root, 'seed', { images, volumes: 1 })
  await control(root, 'config', { latency_ms: latencyMs })
}

const HEADERS = { 'x-auth-token': TOKEN }

async function fetchJson(url) {
  const res = await fetch(url, { headers: HEADERS })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return JSON.parse(await res.text())
}

/** The baseline: one page after the other, until a short page. */
async function fetchList(base) {
  let count = 0
  for (let page = 1; ; page++) {
    const body = await fetchJson(`${base}/images?page=${page}&per_page=${PER_PAGE}`)
    for (const image of body.images) if (image.id) count++
    if (body.images.length < PER_PAGE) return count
  }
}

/** The baseline with the SDK's concurrency: the first page, then 4 at a time. */
async function fetchListConcurrent(base, concurrency = 4) {
  const first = await fetchJson(`${base}/images?page=1&per_page=${PER_PAGE}`)
  let count = first.images.filter((i) => i.id).length
  const pages = Math.ceil(first.total_count / PER_PAGE)
  for (let start = 2; start <= pages; start += concurrency) {
    const batch = []
    for (let p = start; p < start + concurrency && p <= pages; p++) {
      batch.push(fetchJson(`${base}/images?page=${p}&per_page=${PER_PAGE}`))
    }
    for (const body of await Promise.all(batch)) for (const image of body.images) if (image.id) count++
  }
  return count
}

async function sdkList(client) {
  let count = 0
  for await (const image of client.images.list()) if (image.id) count++
  return count
}

async function fetchGets(base, id, n) {
  for (let i = 0; i < n; i++) {
    const body = await fetchJson(`${base}/volumes/${id}`)
    if (body.volume.id !== id) throw new Error('wrong volume')
  }
  return n
}

async function sdkGets(client, id, n) {
  for (let i = 0; i < n; i++) {
    const volume = await client.volumes.get(id)
    if (volume.id !== id) throw new Error('wrong volume')
  }
  return n
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** Median seconds of `job` over RUNS runs after a warm-up; checks its count. */
async function measure(job, expected) {
  const times = []
  for (let run = 0; run <= RUNS; run++) {
    const t0 = process.hrtime.bigint()
    const count = await job()
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    if (count !== expected) throw new Error(`counted ${count}, expected ${expected}`)
    if (run > 0) times.push(seconds)
  }
  return median(times)
}

function row(name, seconds, items, baseline, unit) {
  const rate = unit === 'items/s' ? `${Math.round(items / seconds).toLocaleString('en')} items/s` : `${((seconds / items) * 1e6).toFixed(0)} µs/get`
  const ratio = baseline === undefined ? '1.00x' : `${(baseline / seconds).toFixed(2)}x`
  console.log(`  ${name.padEnd(22)} ${`${(seconds * 1000).toFixed(1)} ms`.padStart(12)}  ${rate.padStart(18)}  ${ratio}`)
}

async function main() {
  const emu = await emulator()
  const base = emu.url
  const root = base.replace(/\/compute\/v1\/?$/, '')
  const client = new Client({ token: TOKEN, baseUrl: base })
  try {
    console.log(`Node ${process.version}, emulator ${base}, medians of ${RUNS} runs\n`)

    console.log('list 10,000 images, 20 ms latency per request')
    await prepare(root, 10_000, 20)
    const slowFetch = await measure(() => fetchList(base), 10_000)
    row('fetch page loop', slowFetch, 10_000, undefined, 'items/s')
    row('fetch x4 concurrent', await measure(() => fetchListConcurrent(base), 10_000), 10_000, slowFetch, 'items/s')
    row('genesiscloud-sdk', await measure(() => sdkList(client), 10_000), 10_000, slowFetch, 'items/s')

    console.log('\nlist 100,000 images, no latency')
    await prepare(root, 100_000, 0)
    const fastFetch = await measure(() => fetchList(base), 100_000)
    row('fetch page loop', fastFetch, 100_000, undefined, 'items/s')
    row('fetch x4 concurrent', await measure(() => fetchListConcurrent(base), 100_000), 100_000, fastFetch, 'items/s')
    row('genesiscloud-sdk', await measure(() => sdkList(client), 100_000), 100_000, fastFetch, 'items/s')

    console.log('\n1,000 sequential gets of one volume, no latency')
    await prepare(root, 0, 0)
    const [volume] = (await client.volumes.listPage()).items
    const getFetch = await measure(() => fetchGets(base, volume.id, 1000), 1000)
    row('fetch', getFetch, 1000, undefined, 'µs/get')
    row('genesiscloud-sdk', await measure(() => sdkGets(client, volume.id, 1000), 1000), 1000, getFetch, 'µs/get')
  } finally {
    emu.stop()
  }
}

await main()
