// The ES module entry: the very same classes as `require('genesiscloud-sdk')`,
// so `instanceof` holds across both.
import sdk from './index.js'

export const {
  Client,
  GenesisCloudError,
  InvalidArgumentError,
  APIStatusError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  DecodeError,
  WaitTimeoutError,
  AbortError,
  InternalError,
} = sdk

export default sdk
