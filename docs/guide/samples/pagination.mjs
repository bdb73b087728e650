import { Client } from 'genesiscloud-sdk'

const client = new Client()

// One request, one page.
const page = await client.images.listPage({ page: 1, perPage: 2 })
console.log(`page ${page.page}: ${page.items.length} of ${page.total_count} images`)

// Every item, fetched lazily; leaving the loop cancels what is in flight.
let n = 0
for await (const image of client.images.list()) {
  if (n++ === 3) break
  console.log(image.name)
}
