// The Node surface against the core's description of the operations
// (tests/surface/operations.json, generated from genesiscloud::api): every
// operation is a method of the client, and every method of a resource
// group is an operation, so neither side can drift alone.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

import { Client } from 'genesiscloud-sdk'

const { operations } = JSON.parse(readFileSync(new URL('../../tests/surface/operations.json', import.meta.url), 'utf8'))
const client = new Client({ token: 't' })

/** The public methods of an object's class chain, constructor aside. */
function methods(object) {
  const names = new Set()
  for (let proto = Object.getPrototypeOf(object); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof object[name] === 'function' && !name.startsWith('_')) names.add(name)
    }
  }
  return names
}

test('every operation is a method of the client', () => {
  for (const op of operations) {
    const parts = op.node.split('.')
    const owner = parts.length === 2 ? client[parts[0]] : client
    assert.equal(typeof owner?.[parts.at(-1)], 'function', `${op.name} as client.${op.node}`)
  }
})

test('every method of a resource group, and of the client, is an operation', () => {
  const names = new Set(operations.map((op) => op.node))
  const groups = new Set(operations.filter((op) => op.node.includes('.')).map((op) => op.node.split('.')[0]))
  for (const group of groups) {
    for (const name of methods(client[group])) assert.ok(names.has(`${group}.${name}`), `client.${group}.${name}`)
  }
  // What the client has that is no operation of the API.
  const clientOnly = new Set(['toJSON', 'withOptions'])
  for (const name of methods(client)) {
    if (!clientOnly.has(name)) assert.ok(names.has(name), `client.${name}`)
  }
})
