'use strict'
// genesiscloud-sdk: the Genesis Cloud compute API for Node.js.

const { Client } = require('./lib/client')
const errors = require('./lib/errors')

module.exports = {
  Client,
  GenesisCloudError: errors.GenesisCloudError,
  InvalidArgumentError: errors.InvalidArgumentError,
  APIStatusError: errors.APIStatusError,
  BadRequestError: errors.BadRequestError,
  AuthenticationError: errors.AuthenticationError,
  PermissionDeniedError: errors.PermissionDeniedError,
  NotFoundError: errors.NotFoundError,
  ConflictError: errors.ConflictError,
  UnprocessableEntityError: errors.UnprocessableEntityError,
  RateLimitError: errors.RateLimitError,
  InternalServerError: errors.InternalServerError,
  APIConnectionError: errors.APIConnectionError,
  APITimeoutError: errors.APITimeoutError,
  DecodeError: errors.DecodeError,
  WaitTimeoutError: errors.WaitTimeoutError,
  AbortError: errors.AbortError,
  InternalError: errors.InternalError,
}
