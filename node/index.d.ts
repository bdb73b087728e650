// genesiscloud-sdk: the Genesis Cloud compute API for Node.js.
//
// `new Client()` reads GENESISCLOUD_TOKEN and GENESISCLOUD_ENDPOINT; every
// call returns a Promise and accepts a last `{ signal }`; lists are async
// iterables; failures throw the classes of ./types/errors.

export * from './types/models'
export * from './types/answers'
export * from './types/requests'
export * from './types/errors'
export * from './types/client'
export * from './types/resources'
