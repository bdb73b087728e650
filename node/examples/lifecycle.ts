// An instance's whole life: key, create, wait, stop, start, snapshot,
// delete. Against the emulator unless GENESISCLOUD_TOKEN is set (careful:
// on the real API this creates a billed instance).

import {
  Client,
  ConflictError,
  WaitTimeoutError,
  type CreateInstance,
  type Instance,
  type InstanceAction,
  type Snapshot,
  type WaitProgress,
} from 'genesiscloud-sdk'
import { Emulator } from 'genesiscloud-sdk/testing'

async function lifecycle(client: Client): Promise<void> {
  const key = await client.sshKeys.create({
    name: 'example-key',
    value: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl example@host',
  })
  const image = (await client.images.listPage({ perPage: 1 })).items[0]
  if (image === undefined) throw new Error('no image to boot from')
  const body: CreateInstance = {
    name: 'example-vm',
    hostname: 'example-vm',
    type: 'vcpu-4_memory-12g_disk-80g_nvidia3080-1',
    image: image.id,
    region: 'NORD-NO-KRS-1',
    ssh_keys: [key.id],
    metadata: {
      startup_script: '#!/bin/sh\necho hello',
      user_data: [{ type: 'text/cloud-config', filename: 'packages.yaml', content: '#cloud-config\npackages: [htop]\n' }],
    },
  }
  const created: Instance = await client.instances.create(body)
  const showProgress = (p: WaitProgress): void => {
    process.stdout.write(`\rwaiting for active: status=${p.status}, poll ${p.polls}, ${(p.elapsedMs / 1000).toFixed(1)} s`)
  }
  const active: Instance = await client.instances.waitUntil(created.id, 'active', {
    timeoutMs: 600_000,
    onProgress: showProgress,
  })
  process.stdout.write('\n')
  console.log(`${active.name} is ${active.status} at ${active.public_ip ?? 'no public IP yet'}`)

  const actions: InstanceAction[] = await client.instances.actions(active.id)
  console.log(`allowed now: ${actions.join(', ')}`)
  await client.instances.performAction(active.id, 'stop')
  await client.instances.waitUntil(active.id, 'stopped')
  try {
    await client.instances.performAction(active.id, 'stop')
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    console.log(`stopping twice is refused: ${error.apiCode ?? error.code}`)
  }

  const snapshot: Snapshot = await client.instances.createSnapshot(active.id, { name: 'example-snapshot' })
  for await (const s of client.instances.listSnapshots(active.id)) console.log(`snapshot ${s.name}: ${s.status}`)

  const renamed = await client.instances.update(active.id, { name: 'example-vm-renamed' })
  console.log(`renamed to ${renamed.name}`)
  await client.instances.delete(active.id)
  const gone: null = await client.instances.waitUntil(active.id, 'deleted', { intervalMs: 500 })
  console.log(`instance deleted (${String(gone)})`)
  try {
    await client.snapshots.waitUntil(snapshot.id, 'created', { timeoutMs: 60_000 })
  } catch (error) {
    if (error instanceof WaitTimeoutError) console.log(`still ${error.lastStatus} after ${error.polls} polls`)
    else throw error
  }
  await client.sshKeys.delete(key.id)
}

async function main(): Promise<void> {
  const emulator = process.env.GENESISCLOUD_TOKEN ? undefined : await Emulator.start({ lifecycleDelayMs: 200 })
  try {
    await lifecycle(emulator?.client() ?? new Client())
  } finally {
    await emulator?.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
