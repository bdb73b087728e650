import { Client } from 'genesiscloud-sdk'

const client = new Client() // GENESISCLOUD_TOKEN, and GENESISCLOUD_ENDPOINT when set
for await (const image of client.images.list()) {
  console.log(image.id, image.name)
}
