// The declarations hold up under `tsc --noEmit --strict` over the examples,
// which use the client, models, request bodies, errors and the emulator.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

test('tsc --noEmit --strict over examples/*.ts reports nothing', async () => {
  const require = createRequire(import.meta.url)
  const pkg = require.resolve('typescript/package.json')
  const tsc = path.join(path.dirname(pkg), require(pkg).bin.tsc)
  const root = fileURLToPath(new URL('..', import.meta.url))
  const run = promisify(execFile)(process.execPath, [tsc, '--noEmit', '--strict', '-p', 'examples'], { cwd: root })
  const { stdout, stderr } = await run.catch((e) => e)
  assert.equal(`${stdout}${stderr}`, '')
})
