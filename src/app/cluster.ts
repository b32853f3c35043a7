/**
 * The primary process of `WORKERS=n`: starts the workers (each a whole server on the shared
 * port and database file), replaces one that dies, and stops them all on a signal.
 */
import cluster, { type Worker } from 'node:cluster'

/** How many unexpected deaths within {@link restartWindowMs} are replaced before giving up. */
const maxRestarts = 5
const restartWindowMs = 60_000

/**
 * Starts the workers and looks after them until they have stopped. A worker that fails before it listens
 * is not replaced (its failure would repeat: a bad setting, an unreadable file): the others
 * are stopped and the process exits with 1. A worker that dies later is replaced, at most
 * {@link maxRestarts} times a minute. SIGINT or SIGTERM stops the workers gracefully
 * and exits with 0 once they have; a second signal kills them and exits at once.
 */
export function runPrimary(workers: number): void {
  const alive = new Set<Worker>()
  const listening = new Set<Worker>()
  const restarts: number[] = []
  let stopping = false
  let exitCode = 0

  const start = () => alive.add(cluster.fork())
  const exitWhenStopped = () => {
    if (stopping && alive.size === 0) process.exit(exitCode)
  }
  const stopAll = (code: number) => {
    exitCode = Math.max(exitCode, code)
    if (!stopping) {
      stopping = true
      // A worker that listens closes gracefully on the message; one still starting has
      // nothing to finish and ends on the signal.
      for (const worker of alive) {
        if (listening.has(worker) && worker.isConnected()) worker.send('shutdown')
        else worker.process.kill('SIGTERM')
      }
    }
    exitWhenStopped()
  }

  cluster.on('listening', (worker) => {
    listening.add(worker)
    if (listening.size === workers) log(30, `${workers} workers listening`)
  })
  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker)
    const hadListened = listening.delete(worker)
    // `pid` is the process writing the line, as in the workers' lines: the dead one is `worker`.
    const about = { worker: worker.process.pid, code, signal }
    if (stopping) return exitWhenStopped()
    if (!hadListened) {
      log(50, 'a worker failed to start: stopping', about)
      return stopAll(1)
    }
    if (!mayRestart(restarts, Date.now())) {
      log(50, `workers died ${maxRestarts + 1} times within a minute: stopping`, about)
      return stopAll(1)
    }
    log(40, 'a worker died: starting another', about)
    start()
  })

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(40, 'second signal: exiting at once', { signal })
      for (const worker of alive) worker.process.kill('SIGKILL')
      process.exit(1)
    }
    log(30, 'shutting down', { signal })
    stopAll(0)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  for (let i = 0; i < workers; i++) start()
}

// Counts a restart at `now` unless there were already too many within the window.
function mayRestart(restarts: number[], now: number): boolean {
  while (restarts.length > 0 && now - restarts[0]! > restartWindowMs) restarts.shift()
  if (restarts.length >= maxRestarts) return false
  restarts.push(now)
  return true
}

// One line in the shape of the workers' log lines (pino's), on standard output.
function log(level: number, msg: string, context: Record<string, unknown> = {}): void {
  const line = { level, time: Date.now(), pid: process.pid, role: 'primary', ...context, msg }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}
