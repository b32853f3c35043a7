/**
 * What load balancers ask: whether this process can answer (`GET /health`), and a clean
 * refusal of the requests that still arrive while it shuts down.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { ApiError } from '../errors/api-error'
import { toResponseStatus } from '../errors/to-response-status'

/** A check of something the server needs; it throws (or rejects) when that is unusable. */
export type HealthProbe = () => unknown

/** Options of the health route. */
export interface HealthOptions {
  /** Where the route answers. @default '/health' */
  readonly path?: string
  /** Named checks, run at every call, all at once: `{ database: () => db.prepare('SELECT 1').get() }`. */
  readonly probes?: Readonly<Record<string, HealthProbe>>
  /** How long a probe may take before it counts as failed, in ms. @default 2000 */
  readonly timeoutMs?: number
}

type Outcome = 'Healthy' | 'Unhealthy'

/**
 * Serves the health route: `200 {"status":"Healthy","checks":{...}}` when every probe
 * passes, `503` with the same shape and a `ResponseStatus` naming the failed checks
 * otherwise. While the server shuts down, the refusal hook answers it (503) like any route.
 */
export function mountHealthRoute(app: FastifyInstance, options: HealthOptions): void {
  const probes = Object.entries(options.probes ?? {})
  const timeoutMs = options.timeoutMs ?? 2000
  app.get(options.path ?? '/health', { logLevel: 'warn' }, async (request, reply) => {
    const outcomes = await Promise.all(probes.map(([, probe]) => runProbe(probe, timeoutMs)))
    const checks: Record<string, Outcome> = {}
    const failed: string[] = []
    probes.forEach(([name], i) => {
      const error = outcomes[i]
      checks[name] = error === undefined ? 'Healthy' : 'Unhealthy'
      if (error !== undefined) {
        failed.push(name)
        request.log.warn({ err: error, probe: name }, 'health probe failed')
      }
    })
    reply.header('cache-control', 'no-store')
    if (failed.length === 0) return reply.code(200).send({ status: 'Healthy', checks })
    const { responseStatus } = toResponseStatus(new ApiError('ServiceUnavailable', `Unhealthy: ${failed.join(', ')}`))
    return reply.code(503).send({ status: 'Unhealthy', checks, responseStatus })
  })
}

// Answers the error of a failed probe, or undefined when it passed in time.
async function runProbe(probe: HealthProbe, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<unknown>((resolve) => {
    timer = setTimeout(() => resolve(new Error(`the probe took longer than ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    return await Promise.race([Promise.resolve().then(probe).then(() => undefined), late])
  } catch (error) {
    return error ?? new Error('the probe failed')
  } finally {
    clearTimeout(timer)
  }
}

const guarded = new WeakSet<FastifyInstance>()

/**
 * The first onRequest hook of a server, one for everything that must come first, since
 * each hook costs every request about as much as the handler's own dispatch:
 *
 * - with `echoRequestId`, every answer carries the request's id (`X-Request-Id`), those
 *   of hooks that answer early included;
 * - from the moment the server starts closing, every new request is answered with a 503
 *   and a ResponseStatus (and `Connection: close`), while the requests already running
 *   finish. New connections are refused by the closed listener. It needs fastify's own
 *   closing answer switched off (`return503OnClosing: false`, as `createServer` does):
 *   that one has a body of its own, not a ResponseStatus.
 *
 * Added once per instance: a later call (the plugin's, after `createServer`'s) adds nothing.
 */
export function guardRequests(app: FastifyInstance, options: { echoRequestId: boolean }): void {
  if (guarded.has(app)) return
  guarded.add(app)
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onRequest', (request, reply, done) => {
    if (options.echoRequestId) reply.header('x-request-id', request.id)
    if (!closing) return done()
    sendShuttingDown(reply)
  })
}

function sendShuttingDown(reply: FastifyReply): void {
  const refusal = new ApiError('ServiceUnavailable', 'The server is shutting down: try again shortly')
  const answer = toResponseStatus(refusal)
  reply
    .code(503)
    .header('retry-after', '1')
    .header('connection', 'close')
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ responseStatus: answer.responseStatus }))
}
