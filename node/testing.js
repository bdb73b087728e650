'use strict'
// genesiscloud-sdk/testing: the bundled API emulator.

const { Emulator } = require('./lib/emulator')

module.exports = { Emulator }
