#!/usr/bin/env node
// The cargo that `make node-build` gives `napi build` (through $CARGO).
//
// napi always passes `--target <triple>`, even for the machine's own triple.
// cargo then builds into target/<triple>/ with units of its own, so the
// addon's debug build shared nothing with the workspace's other debug
// builds (the core, the emulator, the other bindings, all in target/debug/)
// and compiled every dependency again: 78 s of a cold `make test`. For the
// host's own triple this drops `--target`, builds where the others do, and
// copies each library built into target/<triple>/<profile>/, where napi
// takes the addon from. Any other triple goes to cargo unchanged.

import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createInterface } from 'node:readline'

const args = process.argv.slice(2)
const at = args.indexOf('--target')
const host = /^host: (.+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout ?? '')?.[1]

if (at < 0 || args[at + 1] !== host) {
  const child = spawnSync('cargo', args, { stdio: 'inherit' })
  process.exit(child.status ?? 1)
}

const triple = args[at + 1]
const rest = [...args.slice(0, at), ...args.slice(at + 2)]
// Diagnostics still reach stderr as text; stdout carries cargo's messages,
// of which the libraries built are read and nothing is shown.
const cargo = spawn('cargo', [...rest, '--message-format=json-render-diagnostics'], {
  stdio: ['inherit', 'pipe', 'inherit'],
})
const exited = new Promise((resolve) => cargo.once('close', resolve))
const built = []
for await (const line of createInterface({ input: cargo.stdout })) {
  const message = JSON.parse(line)
  if (message.reason === 'compiler-artifact' && message.target.kind.includes('cdylib')) {
    built.push(...message.filenames)
  }
}
const status = await exited
if (status !== 0) process.exit(status ?? 1)
for (const file of built) {
  // target/<profile>/lib.so -> target/<triple>/<profile>/lib.so
  const profileDir = dirname(file)
  const into = join(dirname(profileDir), triple, basename(profileDir))
  mkdirSync(into, { recursive: true })
  copyFileSync(file, join(into, basename(file)))
}
