// Run with GENESISCLOUD_LOG=debug in the environment: one line per request
// on stderr at debug, retries and waits at info; headers from an allow-list.
import { Client } from 'genesiscloud-sdk'

const client = new Client()
await client.images.listPage()
