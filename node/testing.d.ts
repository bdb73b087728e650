// genesiscloud-sdk/testing: the bundled API emulator.

export * from './types/emulator'
