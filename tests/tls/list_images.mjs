// One list call through the Node SDK, configured the way a user would:
// what the TLS suite (run.py) runs against an HTTPS emulator.
//
//     node list_images.mjs [--ca-bundle FILE] [--proxy URL]
//
// The token and base URL come from GENESISCLOUD_TOKEN and
// GENESISCLOUD_ENDPOINT. Prints `ok <images>`, or `error <code> <attempts>
// <message>` and exits 1.

import { Client, GenesisCloudError } from '../../node/index.mjs'

const options = { maxRetries: 2 }
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i += 2) {
  if (argv[i] === '--ca-bundle') options.caBundle = argv[i + 1]
  else if (argv[i] === '--proxy') options.proxy = argv[i + 1]
  else throw new Error(`unknown argument ${argv[i]}`)
}
try {
  const client = new Client(options)
  let n = 0
  for await (const _ of client.images.list()) n += 1
  console.log(`ok ${n}`)
} catch (e) {
  if (!(e instanceof GenesisCloudError)) throw e
  console.log(`error ${e.code} ${e.attempts} ${e.message}`)
  process.exitCode = 1
}
