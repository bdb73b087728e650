// What the tests share: a started emulator per test file, and small
// comparisons.

import { Emulator } from 'genesiscloud-sdk/testing'

/** Starts an emulator with instant lifecycle transitions for a test file. */
export async function startEmulator(options = {}) {
  return Emulator.start({ lifecycleDelayMs: 0, ...options })
}

/** Collects an async iterable into an array. */
export async function collect(iterable) {
  const out = []
  for await (const item of iterable) out.push(item)
  return out
}
