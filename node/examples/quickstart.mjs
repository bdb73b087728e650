// Lists images and instances. With GENESISCLOUD_TOKEN set it talks to the
// real API; without, it starts the bundled emulator and says so.
//
//   node examples/quickstart.mjs

import { Client, GenesisCloudError } from 'genesiscloud-sdk'
import { Emulator } from 'genesiscloud-sdk/testing'

let emulator
let client
if (process.env.GENESISCLOUD_TOKEN) {
  client = new Client() // GENESISCLOUD_TOKEN, and GENESISCLOUD_ENDPOINT if set
  console.log(`Using the Genesis Cloud API at ${client.baseUrl}`)
} else {
  emulator = await Emulator.start()
  client = emulator.client()
  console.log(`GENESISCLOUD_TOKEN is not set: using the bundled emulator at ${emulator.baseUrl}`)
}

try {
  console.log('Images:')
  for await (const image of client.images.list()) {
    console.log(`  ${image.id}  ${image.name} (${image.type})`)
  }
  console.log('Instances:')
  for await (const instance of client.instances.list()) {
    console.log(`  ${instance.id}  ${instance.name}  ${instance.status}  ${instance.public_ip ?? '-'}`)
  }
} catch (error) {
  if (!(error instanceof GenesisCloudError)) throw error
  console.error(`Failed: ${error.message}`)
  process.exitCode = 1
} finally {
  await emulator?.stop()
}
