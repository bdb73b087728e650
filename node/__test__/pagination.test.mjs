// Lists: lazy, complete, in order, once each, and one page at a time.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'

import { NotFoundError } from 'genesiscloud-sdk'
import { collect, startEmulator } from './helpers.mjs'

let emulator
before(async () => {
  emulator = await startEmulator({ seed: 'empty' })
  await emulator.seed({ images: 1234 })
})
after(() => emulator.stop())

test('nothing is sent until the iteration starts', async () => {
  const client = emulator.client()
  emulator.clearRequests()
  const images = client.images.list()
  await new Promise((resolve) => setTimeout(resolve, 50))
  assert.equal(emulator.requests().length, 0)
  const first = await images.next()
  assert.equal(first.done, false)
  assert.ok(emulator.requests().length >= 1)
  await images.return()
})

test('list yields every item once, in the order of the pages', async () => {
  const client = emulator.client()
  const all = await collect(client.images.list())
  assert.equal(all.length, 1234)
  assert.equal(new Set(all.map((i) => i.id)).size, 1234)
  const firstPages = [
    ...(await client.images.listPage({ page: 1, perPage: 100 })).items,
    ...(await client.images.listPage({ page: 2, perPage: 100 })).items,
  ]
  assert.deepEqual(
    all.slice(0, 200).map((i) => i.id),
    firstPages.map((i) => i.id),
  )
})

test('list starts at `page` and uses `perPage`', async () => {
  const client = emulator.client()
  emulator.clearRequests()
  const rest = await collect(client.images.list({ page: 12, perPage: 100 }))
  assert.equal(rest.length, 134)
  assert.match(emulator.requests()[0].query, /page=12/)
  assert.match(emulator.requests()[0].query, /per_page=100/)
})

test('listPage returns one page with its counts, as the wire names them', async () => {
  const page = await emulator.client().images.listPage({ page: 3, perPage: 7 })
  assert.deepEqual(Object.keys(page).sort(), ['items', 'page', 'per_page', 'total_count'])
  assert.equal(page.items.length, 7)
  assert.equal(page.page, 3)
  assert.equal(page.per_page, 7)
  assert.equal(page.total_count, 1234)
})

test('iterators of one list run independently and may be consumed concurrently', async () => {
  const client = emulator.client()
  const it = client.images.list({ perPage: 50 })
  const firstTwo = await Promise.all([it.next(), it.next(), it.next()])
  assert.deepEqual(
    firstTwo.map((r) => r.done),
    [false, false, false],
  )
  assert.equal(new Set(firstTwo.map((r) => r.value.id)).size, 3)
  await it.return()
  assert.deepEqual(await it.next(), { value: undefined, done: true })
})

test('a failure on a later page rejects the iteration after the earlier items', async () => {
  const client = emulator.client()
  emulator.injectFault({ kind: 'status', status: 404, query: 'page=3&' })
  let seen = 0
  try {
    await assert.rejects(async () => {
      for await (const _ of client.images.list()) seen++
    }, NotFoundError)
  } finally {
    emulator.clearFaults()
  }
  assert.equal(seen, 200)
})

test("an instance's snapshots are listed like any list", async () => {
  await emulator.reset({ seed: 'default' })
  const client = emulator.client()
  const [instance] = (await client.instances.listPage({ perPage: 1 })).items
  const made = await client.instances.createSnapshot(instance.id, { name: 'pagination-test' })
  const listed = await collect(client.instances.listSnapshots(instance.id))
  assert.ok(listed.some((s) => s.id === made.id))
  const page = await client.instances.listSnapshotsPage(instance.id, { perPage: 1 })
  assert.equal(page.items.length, 1)
  await emulator.reset({ seed: 'empty' })
  await emulator.seed({ images: 1234 })
})
