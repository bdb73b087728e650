import { Client } from 'genesiscloud-sdk'

const client = new Client()
let volume = await client.volumes.create({ name: 'scratch', region: 'NORD-NO-KRS-1', size: 10 })
volume = await client.volumes.waitUntil(volume.id, 'created', { timeoutMs: 120_000 })
console.log(volume.name, volume.status)

await client.volumes.delete(volume.id)
await client.volumes.waitUntil(volume.id, 'deleted') // until GET answers 404
