// Hostile arguments at the Node boundary: NUL characters, lone surrogates
// (which napi would silently turn into U+FFFD), values of the wrong type,
// NaN and Infinity (which JSON.stringify would silently turn into null),
// huge strings, cyclic or absurdly deep bodies. Each must reject with
// InvalidArgumentError naming what was wrong, before anything is sent, and
// never crash or hang.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'

import { Client, InvalidArgumentError, APIStatusError } from 'genesiscloud-sdk'
import { startEmulator } from './helpers.mjs'

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRlc3RLZXlGb3JUaGVFbXVsYXRvcg me@laptop'
const SOME_ID = 'x'.repeat(36)

let emulator
let client
before(async () => {
  emulator = await startEmulator()
  client = emulator.client()
})
after(() => emulator.stop())

function deep(levels) {
  const root = []
  let node = root
  for (let i = 0; i < levels; i++) {
    const child = []
    node.push(child)
    node = child
  }
  return root
}

function cyclic() {
  const value = { a: 1 }
  value.self = value
  return value
}

/** Asserts that `run()` rejects (or throws) InvalidArgumentError matching
 * `message`, having sent nothing. */
async function refused(label, run, message) {
  emulator.clearRequests()
  await assert.rejects(
    async () => run(),
    (e) => {
      assert.ok(e instanceof InvalidArgumentError, `${label}: ${e?.constructor?.name}: ${e?.message}`)
      assert.equal(e.code, 'invalid_argument', label)
      assert.match(e.message, message, label)
      assert.equal(e.attempts, 0, label)
      assert.equal(e.requestSent, false, label)
      return true
    },
    label,
  )
  assert.deepEqual(emulator.requests(), [], `${label}: nothing is sent`)
}

// [label, call, what the message must say]
const INVALID = [
  ['NUL in an id', () => client.instances.get('ab\0cd'), /instance id contains a control character/],
  ['NUL-only id', () => client.volumes.delete('\0'), /volume id contains a control character/],
  ['newline in an id', () => client.sshKeys.get('a\nb'), /id contains a control character/],
  ['lone surrogate in an id', () => client.instances.get('\ud800'), /id is not valid Unicode/],
  ['lone low surrogate in an id', () => client.snapshots.delete('x\udc80'), /id is not valid Unicode/],
  ['empty id', () => client.instances.get(''), /instance id must not be empty/],
  ['number as id', () => client.instances.get(5), /id must be a string, not number/],
  ['null as id', () => client.volumes.get(null), /id must be a string, not object/],
  ['missing id', () => client.volumes.get(), /invalid arguments: missing field `id`/],
  ['object as id', () => client.volumes.get({ id: SOME_ID }), /id must be a string, not object/],
  ['1 MB id', () => client.instances.get('x'.repeat(1 << 20)), /instance id is 1048576 bytes long/],
  ['number as id of a lazy list', () => client.instances.listSnapshots(5).next(), /id must be a string/],
  ['lone surrogate in a name', () => client.sshKeys.create({ name: 'a\ud800', value: KEY }), /invalid argument `name`: is not valid Unicode/],
  ['lone surrogate in a nested field', () => client.sshKeys.create({ name: 'k', value: KEY, x: { y: ['\udfff'] } }), /invalid argument `x`: is not valid Unicode/],
  ['lone surrogate in a field name', () => client.sshKeys.create({ name: 'k', value: KEY, ['\ud800']: 1 }), /field name is not valid Unicode/],
  ['lone surrogate in a region', () => client.availability('\udfff'), /region is not valid Unicode/],
  ['NUL in a region', () => client.availability('NORD-NO-KRS-1\0'), /region contains a control character/],
  ['lone surrogate in a status', () => client.instances.waitUntil(SOME_ID, 'act\ud800ive'), /status is not valid Unicode/],
  ['lone surrogate in an action', () => client.instances.performAction(SOME_ID, '\udc00'), /action is not valid Unicode/],
  ['negative perPage', () => client.images.listPage({ perPage: -1 }), /invalid argument `per_page`: invalid value: integer `-1`, expected u32/],
  ['zero perPage', () => client.images.listPage({ perPage: 0 }), /per_page must be between 1 and 100/],
  ['perPage above u32', () => client.images.listPage({ perPage: 2 ** 32 }), /invalid argument `per_page`: invalid value: integer `4294967296`, expected u32/],
  ['perPage NaN', () => client.images.listPage({ perPage: NaN }), /invalid argument `per_page`: must be a finite number, not NaN or an infinity/],
  ['perPage Infinity', () => client.images.listPage({ perPage: Infinity }), /invalid argument `per_page`: must be a finite number, not NaN or an infinity/],
  ['perPage as string', () => client.images.listPage({ perPage: '5' }), /invalid argument `per_page`: invalid type: string "5", expected u32/],
  ['perPage fractional', () => client.images.listPage({ perPage: 5.5 }), /invalid argument `per_page`: invalid type: floating point `5.5`, expected u32/],
  ['page as BigInt', () => client.instances.listPage({ page: 1n }), /BigInt/],
  ['negative page', () => client.instances.listPage({ page: -5 }), /invalid argument `page`: invalid value: integer `-5`, expected u32/],
  ['negative perPage of a lazy list', () => client.volumes.list({ perPage: -1 }).next(), /invalid argument `per_page`/],
  ['NaN in a body', () => client.volumes.create({ name: 'v', region: 'NORD-NO-KRS-1', size: NaN, type: 'ssd' }), /invalid argument `size`: must be a finite number, not NaN or an infinity/],
  ['Infinity in a body', () => client.sshKeys.create({ name: 'k', value: KEY, x: [-Infinity] }), /invalid argument `x`: must be a finite number/],
  ['BigInt in a body', () => client.sshKeys.create({ name: 'k', value: KEY, x: 1n }), /BigInt/],
  ['10,000-level body', () => client.sshKeys.create({ name: 'k', value: KEY, x: deep(10_000) }), /invalid argument `x`: nests lists or objects more than 64 levels deep/],
  ['cyclic body', () => client.sshKeys.create({ name: 'k', value: KEY, x: cyclic() }), /circular|nests/],
  ['array as body', () => client.sshKeys.create([]), /must be an object/],
  ['string as body', () => client.sshKeys.update(SOME_ID, 'name=x'), /must be an object/],
  ['number as name', () => client.sshKeys.create({ name: 5, value: KEY }), /invalid type: integer `5`, expected a string/],
  ['string as a boolean', () => client.instances.update(SOME_ID, { is_protected: 'no' }), /invalid type: string "no", expected a boolean/],
  ['waitUntil timeout as string', () => client.instances.waitUntil(SOME_ID, 'active', { timeoutMs: '5' }), /timeoutMs must be a finite number/],
  ['waitUntil timeout Infinity', () => client.instances.waitUntil(SOME_ID, 'active', { timeoutMs: Infinity }), /timeoutMs must be a finite number/],
  ['waitUntil interval NaN', () => client.instances.waitUntil(SOME_ID, 'active', { intervalMs: NaN }), /intervalMs must be a finite number/],
  ['waitUntil interval zero', () => client.instances.waitUntil(SOME_ID, 'active', { intervalMs: 0 }), /interval must be positive/],
  ['waitUntil status as number', () => client.instances.waitUntil(SOME_ID, 1), /status must be a string, not number/],
  ['action as array', () => client.instances.performAction(SOME_ID, ['stop']), /action must be a string, not object/],
  ['options as string', () => client.instances.get(SOME_ID, 'fast'), /options must be an object/],
  ['signal of the wrong type', () => client.instances.get(SOME_ID, { signal: {} }), /signal must be an AbortSignal/],
]

for (const [label, run, message] of INVALID) {
  test(`refused before sending: ${label}`, () => refused(label, run, message))
}

test('bad client options throw InvalidArgumentError naming the option, never echoing the token', () => {
  const cases = [
    [{ token: 'tok\0en' }, /token contains characters that cannot be sent/],
    [{ token: 'tok\ud800en' }, /token is not valid Unicode/],
    [{ token: 12345 }, /token must be a string, not number/],
    [{ baseUrl: 'http://127.0.0.1\0:1/compute/v1' }, /base URL/],
    [{ baseUrl: 'http://127.0.0.1:1/\udc00' }, /baseUrl is not valid Unicode/],
    [{ authScheme: 'bearer\0' }, /auth scheme/],
    [{ authScheme: '\ud800' }, /authScheme is not valid Unicode/],
    [{ timeoutMs: '5' }, /timeoutMs must be a number/],
    [{ timeoutMs: NaN }, /timeoutMs must be a number/],
    [{ timeoutMs: Infinity }, /timeoutMs must be a non-negative number/],
    [{ connectTimeoutMs: 1e300 }, /connectTimeoutMs must be a non-negative number/],
    [{ maxRetries: -1 }, /maxRetries must be a non-negative integer/],
    [{ maxRetries: 2 ** 32 }, /maxRetries must be a non-negative integer/],
    [{ maxRetries: 1.5 }, /maxRetries must be a non-negative integer/],
    [{ perPage: 1e12 }, /perPage must be a non-negative integer/],
    [{ concurrency: 0 }, /concurrency must be between 1 and 64/],
    [{ maxRequestsPerSecond: -Infinity }, /max_requests_per_second must be a positive number/],
  ]
  for (const [options, message] of cases) {
    assert.throws(
      () => new Client({ token: emulator.token, baseUrl: emulator.baseUrl, ...options }),
      (e) => {
        assert.ok(e instanceof InvalidArgumentError, `${e?.constructor?.name}: ${e?.message}`)
        assert.match(e.message, message)
        assert.ok(!e.message.includes(emulator.token))
        if (typeof options.token === 'string') assert.ok(!e.message.includes(options.token))
        return true
      },
      String(Object.keys(options)),
    )
  }
})

test('NUL is legal in free text: it is sent escaped and read back unchanged', async () => {
  const key = await client.sshKeys.create({ name: 'nul\0name', value: KEY })
  assert.equal((await client.sshKeys.get(key.id)).name, 'nul\0name')
})

test('a megabyte name reaches the server, which refuses the body', async () => {
  await assert.rejects(client.sshKeys.create({ name: 'n'.repeat(1 << 20), value: KEY }), (e) => e instanceof APIStatusError && e.status === 413)
})

test('the client still works after every hostile call', async () => {
  for (const [, run] of INVALID) await assert.rejects(async () => run(), InvalidArgumentError)
  const page = await client.images.listPage({ perPage: 2 })
  assert.equal(page.items.length, 2)
})
