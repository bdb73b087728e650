'use strict'
// One 'abort' listener per AbortSignal, however many calls share it: a
// listener per call would trip Node's MaxListenersExceededWarning as soon
// as a signal guards more than ten concurrent calls.

/** @type {WeakMap<AbortSignal, Set<() => void>>} */
const watchers = new WeakMap()

/** Calls `cancel` when `signal` aborts; returns the function that stops watching. */
function watch(signal, cancel) {
  let cancels = watchers.get(signal)
  if (cancels === undefined) {
    const set = new Set()
    cancels = set
    watchers.set(signal, set)
    signal.addEventListener(
      'abort',
      () => {
        for (const f of set) f()
        set.clear()
      },
      { once: true },
    )
  }
  cancels.add(cancel)
  return () => cancels.delete(cancel)
}

module.exports = { watch }
