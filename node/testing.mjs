// The ES module entry of genesiscloud-sdk/testing.
import testing from './testing.js'

export const { Emulator } = testing

export default testing
