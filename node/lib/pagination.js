'use strict'
// `list()`: an async generator over the core's Paginator, which is held
// natively. Each native `next()` hands over every item ready at once as one
// JSON array, so a page costs one Promise and one `JSON.parse`. The
// generator starts the list on its first `next()`; leaving the loop early
// (`return()`), a failure, or the signal's 'abort' closes the native list,
// which cancels its requests in flight.

const { watch } = require('./abort')
const { aborted, fromNative } = require('./errors')

/**
 * Items of the list that `start()` creates natively (`pages`, a
 * NativePaginator), read lazily, until the signal that `signalOf()` returns
 * aborts; `answered()`, when given, is called after each native batch. Both run
 * on the first `next()`, so that bad arguments reject it like any failure.
 */
async function* iterate(start, signalOf) {
  const signal = signalOf()
  if (signal?.aborted) throw aborted(signal)
  const { pages, answered } = start()
  const unwatch = signal === undefined ? undefined : watch(signal, () => pages.close())
  try {
    for (;;) {
      const batch = await pages.next()
      answered?.()
      if (batch === null) return
      if (typeof batch !== 'string') throw fromNative(batch, signal?.reason)
      for (const item of JSON.parse(batch)) {
        if (signal?.aborted) throw aborted(signal)
        yield item
      }
    }
  } finally {
    unwatch?.()
    pages.close()
  }
}

module.exports = { iterate }
