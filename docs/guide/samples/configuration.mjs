import { Client } from 'genesiscloud-sdk'

// Every setting is an option; the token and the URL default to the environment.
const client = new Client({ timeoutMs: 30_000, maxRetries: 4, perPage: 50 })

// A client for long calls: same connections, other settings.
const patient = client.withOptions({ timeoutMs: 300_000, headers: { 'X-Trace-Id': 'nightly-backup' } })
console.log((await patient.quotas()).length, 'quotas')
