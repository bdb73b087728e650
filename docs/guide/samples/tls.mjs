import { Client } from 'genesiscloud-sdk'
import { Emulator } from 'genesiscloud-sdk/testing'

// An HTTPS emulator whose certificate is signed by a throwaway CA.
const emulator = await Emulator.start({ tls: true })
try {
  // caBundle adds a CA (a PEM file) to the trusted ones; proxy works the same way.
  const client = new Client({ token: emulator.token, baseUrl: emulator.baseUrl, caBundle: emulator.caPath })
  const page = await client.images.listPage()
  console.log(new URL(emulator.baseUrl).protocol, page.items.length, 'images')
} finally {
  await emulator.stop()
}
