import assert from 'node:assert/strict'
import { Client, NotFoundError } from 'genesiscloud-sdk'

const client = new Client()
try {
  await client.instances.get('no-such-id')
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error
  console.log(error.code, error.status, error.attempts, error.requestSent)
  assert.equal(error.code, 'not_found')
}
