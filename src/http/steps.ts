/**
 * Runs a request's pipeline written as a generator that yields every value that may be a
 * promise (`const x = yield mayBeAsync()`), as an async function awaits. Unlike an async
 * function, it finishes synchronously when nothing it yields is a thenable: most
 * operations authenticate nobody, read their body at once and answer at once, and each
 * await would cost them a promise and a turn of the microtask queue.
 */

/** A pipeline: yields what may be a promise, is resumed with its value or its error. */
export type Steps<T> = Generator<unknown, T, unknown>

/** Runs a pipeline: its result at once when it never waited, else a promise of it. */
export function runSteps<T>(steps: Steps<T>): T | Promise<T> {
  let step = steps.next()
  while (!step.done) {
    let waits: boolean
    try {
      waits = isThenable(step.value)
    } catch (error) {
      // Asking a value for its `then` can throw (a getter, a revoked proxy): the pipeline
      // hears it where it yielded, as it would hear a rejection.
      step = steps.throw(error)
      continue
    }
    if (waits) return finishSteps(steps, step.value as PromiseLike<unknown>)
    step = steps.next(step.value)
  }
  return step.value
}

async function finishSteps<T>(steps: Steps<T>, pending: PromiseLike<unknown>): Promise<T> {
  let step: IteratorResult<unknown, T> = { done: false, value: pending }
  while (!step.done) {
    let value: unknown
    try {
      value = isThenable(step.value) ? await step.value : step.value
    } catch (error) {
      // A rejection is thrown where the pipeline yielded, so that its own try catches it.
      step = steps.throw(error)
      continue
    }
    step = steps.next(value)
  }
  return step.value
}

/** Whether a value is a thenable, which `await` would wait for. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}
