// Machine-readable Node measurements for bench/run.py.
//
//   node bench/node/scenarios.mjs SCENARIO --url BASE_URL [--runs N] [--id INSTANCE_ID] [--items N]
//
// The emulator is prepared by the caller; this only measures and prints one
// JSON object per measurement on stdout. SCENARIO: list-latency, list-big,
// get-seq, get-conc, iterate (one pass, --client sdk|fetch; the parent reads
// its peak RSS) or coldstart. The SDK is imported lazily so that coldstart
// times its require alone, in a fresh process.

import { parseArgs } from 'node:util'

const TOKEN = 'gc-emulator-token'
const PER_PAGE = 100
// Calls in s3 and s4: 1,000, or BENCH_GETS (make test-bench uses few).
const GETS = Number(process.env.BENCH_GETS ?? 1000)
const HEADERS = { 'x-auth-token': TOKEN }

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    runs: { type: 'string', default: '3' },
    id: { type: 'string', default: '' },
    items: { type: 'string', default: '0' },
    client: { type: 'string', default: 'sdk' },
  },
})
const [scenario] = positionals
const base = args.url
const RUNS = Number(args.runs)

function emit(scenario, client, kind, unit, runs, extra = {}) {
  process.stdout.write(JSON.stringify({ scenario, language: 'node', client, kind, unit, runs, ...extra }) + '\n')
}

async function sdkClient() {
  const { Client } = await import('../../node/index.mjs')
  return new Client({ token: TOKEN, baseUrl: base })
}

async function fetchJson(url) {
  const res = await fetch(url, { headers: HEADERS })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return JSON.parse(await res.text())
}

// What a hand-written client does: one page after the other until a short one.
async function fetchList() {
  let count = 0
  for (let page = 1; ; page++) {
    const body = await fetchJson(`${base}/images?page=${page}&per_page=${PER_PAGE}`)
    for (const image of body.images) if (image.id) count++
    if (body.images.length < PER_PAGE) return count
  }
}

// The same loop given the SDK's concurrency: the first page, then 4 at a time.
async function fetchListX4() {
  const first = await fetchJson(`${base}/images?page=1&per_page=${PER_PAGE}`)
  let count = first.images.filter((i) => i.id).length
  const pages = Math.ceil(first.total_count / PER_PAGE)
  for (let start = 2; start <= pages; start += 4) {
    const batch = []
    for (let p = start; p < start + 4 && p <= pages; p++) batch.push(fetchJson(`${base}/images?page=${p}&per_page=${PER_PAGE}`))
    for (const body of await Promise.all(batch)) for (const image of body.images) if (image.id) count++
  }
  return count
}

async function sdkList(client) {
  let count = 0
  for await (const image of client.images.list()) if (image.id) count++
  return count
}

async function timed(job) {
  await job() // warm-up
  const out = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    await job()
    out.push(performance.now() - t)
  }
  return out
}

// Per-call times of each client: the median and p99 of every run. The
// clients take turns run by run, so that a change in the machine's state
// (another process waking up, the CPU's clock) falls on each of them alike.
async function perCall(calls) {
  const results = calls.map(() => ({ medians: [], p99s: [] }))
  for (let run = 0; run <= RUNS; run++) {
    for (const [i, call] of calls.entries()) {
      const times = []
      for (let n = 0; n < GETS; n++) {
        const t = performance.now()
        await call()
        times.push(performance.now() - t)
      }
      if (run === 0) continue // warm-up
      times.sort((a, b) => a - b)
      results[i].medians.push(times[Math.floor(times.length / 2)])
      results[i].p99s.push(times[Math.ceil(times.length * 0.99) - 1])
    }
  }
  return results
}

async function main() {
  const id = args.id
  const items = Number(args.items)
  switch (scenario) {
    case 'list-latency':
    case 'list-big': {
      const s = scenario === 'list-latency' ? 's1' : 's2'
      const client = await sdkClient()
      emit(s, 'fetch (page loop)', 'peer', 'ms', await timed(fetchList), { items })
      emit(s, 'fetch x4', 'peer', 'ms', await timed(fetchListX4), { items })
      emit(s, 'genesiscloud Client', 'sdk', 'ms', await timed(() => sdkList(client)), { items })
      break
    }
    case 'get-seq': {
      const client = await sdkClient()
      const url = `${base}/instances/${id}`
      const [peer, sdk] = await perCall([
        async () => {
          if ((await fetchJson(url)).instance.id !== id) throw new Error('wrong instance')
        },
        () => client.instances.get(id),
      ])
      emit('s3', 'fetch', 'peer', 'ms/call', peer.medians, { p99: peer.p99s, calls: GETS })
      emit('s3', 'genesiscloud Client', 'sdk', 'ms/call', sdk.medians, { p99: sdk.p99s, calls: GETS })
      break
    }
    case 'get-count': {
      // GETS sequential gets and nothing else, for bench/run.py to count
      // instructions under callgrind: the SDK's Client, or fetch (the peer).
      const client = await sdkClient()
      const url = `${base}/instances/${id}`
      for (let n = 0; n < GETS; n++) {
        if (args.client === 'peer') {
          if ((await fetchJson(url)).instance.id !== id) throw new Error('wrong instance')
        } else {
          await client.instances.get(id)
        }
      }
      break
    }
    case 'get-conc': {
      const client = await sdkClient()
      const url = `${base}/instances/${id}`
      const all = (call) => () => Promise.all(Array.from({ length: GETS }, call))
      emit('s4', 'fetch (Promise.all)', 'peer', 'ms', await timed(all(() => fetchJson(url))), { calls: GETS })
      emit('s4', 'genesiscloud Client (Promise.all)', 'sdk', 'ms',
        await timed(all(() => client.instances.get(id))), { calls: GETS })
      break
    }
    case 'iterate': {
      const t = performance.now()
      const count = args.client === 'sdk' ? await sdkList(await sdkClient()) : await fetchList()
      process.stdout.write(JSON.stringify({ items: count, ms: performance.now() - t }) + '\n')
      break
    }
    case 'coldstart': {
      const t = performance.now()
      const { Client } = await import('../../node/index.mjs')
      const imported = performance.now()
      const client = new Client({ token: TOKEN, baseUrl: base })
      const made = performance.now()
      const page = await client.images.listPage({ perPage: 1 })
      const done = performance.now()
      emit('s6', 'genesiscloud Client', 'sdk', 'ms', [done - t], {
        import_ms: imported - t, client_ms: made - imported, first_call_ms: done - made, items: page.items.length,
      })
      break
    }
    default:
      throw new Error(`unknown scenario ${scenario}`)
  }
}

await main()
