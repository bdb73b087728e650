import { Client } from 'genesiscloud-sdk'

const client = new Client()

// One call's result with its raw answer.
const { data: quotas, response } = await client.quotas().withResponse()
console.log(`${quotas.length} quotas: HTTP ${response.status}, request id ${response.requestId}, ${response.attempts} attempt(s)`)

// Each request of a call, each page of a lazy list included.
const onResponse = (r) => console.log(r.method, r.path, '->', r.status, r.requestId)
for await (const image of client.images.list({}, { onResponse })) void image
