'use strict'
// The native addon, through the loader napi-rs generates (`../native.js`):
// it picks this platform's binary, bundled or from its npm package.
module.exports = require('../native.js')
