import { Client } from 'genesiscloud-sdk'

const client = new Client()
const created = await Promise.all(
  [1, 2, 3].map((i) => client.volumes.create({ name: `scratch-${i}`, region: 'NORD-NO-KRS-1', size: 10 }))
)
const fetched = await Promise.all(created.map((v) => client.volumes.get(v.id)))
for (const volume of fetched) console.log(volume.name, volume.status)
await Promise.all(created.map((v) => client.volumes.delete(v.id)))
