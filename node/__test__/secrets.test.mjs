// The token never shows: not in inspect, JSON, strings, error messages or
// the debug log.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import util from 'node:util'
import { fileURLToPath } from 'node:url'

import { Client } from 'genesiscloud-sdk'
import { startEmulator } from './helpers.mjs'

const CANARY = 'canary-7f3e9b2c-do-not-print'

let emulator
before(async () => {
  emulator = await startEmulator({ tokens: [CANARY] })
})
after(() => emulator.stop())

function assertNoCanary(text, what) {
  assert.ok(!text.includes(CANARY), `${what} shows the token: ${text}`)
}

test('inspect, console.log, JSON.stringify and String of a client never show the token', () => {
  const client = new Client({ token: CANARY, baseUrl: emulator.baseUrl })
  assertNoCanary(util.inspect(client, { showHidden: true, depth: Infinity }), 'util.inspect')
  assertNoCanary(util.format('%o %O %s %j', client, client, client, client), 'util.format')
  assertNoCanary(JSON.stringify(client), 'JSON.stringify')
  assertNoCanary(JSON.stringify({ nested: { client } }), 'JSON.stringify of a holder')
  assertNoCanary(String(client), 'String')
  assertNoCanary(util.inspect(client.instances, { showHidden: true }), 'util.inspect of a group')
  assert.match(util.inspect(client), /token: '\*\*\*'/)
  assert.deepEqual(JSON.parse(JSON.stringify(client)).token, '***')
})

test('error messages never show the token', async () => {
  const wrong = new Client({ token: `${CANARY}-wrong`, baseUrl: emulator.baseUrl, maxRetries: 0 })
  const e = await wrong.images.listPage().catch((e) => e)
  assert.equal(e.code, 'authentication')
  assertNoCanary(`${e.message} ${e.stack} ${util.inspect(e)} ${JSON.stringify(e)}`, 'the error')
  const bad = (() => {
    try {
      return new Client({ token: `${CANARY}\n`, baseUrl: emulator.baseUrl })
    } catch (e) {
      return e
    }
  })()
  assert.equal(bad.code, 'invalid_argument')
  assertNoCanary(`${bad.message} ${util.inspect(bad)}`, 'the construction error')
})

test('GENESISCLOUD_LOG=debug prints one line per request to stderr, without the token', async () => {
  const script = `
    import { Client } from 'genesiscloud-sdk'
    const client = new Client({ token: process.env.CANARY, baseUrl: process.env.BASE_URL, maxRetries: 0 })
    await client.images.listPage({ perPage: 1 })
    await client.instances.get('missing').catch(() => {})
  `
  const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, GENESISCLOUD_LOG: 'debug', CANARY, BASE_URL: emulator.baseUrl },
  })
  assert.match(stderr, /DEBUG genesiscloud::transport: request method=GET path=\/images status=200/)
  assert.match(stderr, /path=\/instances\/missing status=404/)
  assertNoCanary(stderr, 'the log')
})

test('without GENESISCLOUD_LOG nothing is printed', async () => {
  const script = `
    import { Client } from 'genesiscloud-sdk'
    await new Client({ token: process.env.CANARY, baseUrl: process.env.BASE_URL }).images.listPage()
  `
  const env = { ...process.env, CANARY, BASE_URL: emulator.baseUrl }
  delete env.GENESISCLOUD_LOG
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env,
  })
  assert.equal(stdout + stderr, '')
})
