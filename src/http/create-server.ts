/** A fastify instance with dtostack registered and settings that suit it. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { guardRequests } from './health'
import { dtostack, type DtostackOptions } from './plugin'
import { sendClientError, sendFrameworkError } from './send-reply'

/** Options of {@link createServer}: dtostack's, plus fastify's own. */
export interface CreateServerOptions<TDeps = unknown> extends DtostackOptions<TDeps> {
  /** Options for fastify itself (logger, bodyLimit, trustProxy, ...). */
  readonly fastify?: FastifyServerOptions
}

/**
 * Creates a fastify instance serving the application. Add routes or hooks of your own if
 * you like, then call `listen()` on it, or `inject()` in tests.
 *
 * @example
 * const app = await createServer({ modules: [dtos, services], database })
 * await app.listen({ port: 5000 })
 */
export async function createServer<TDeps>(options: CreateServerOptions<TDeps>): Promise<FastifyInstance> {
  // A client that never finishes its request must not hold a connection forever.
  const requestTimeout = options.fastify?.requestTimeout ?? 30_000
  const app = Fastify({
    logger: false,
    requestTimeout,
    // Node looks for requests past their timeout only every 30 s by default, which would
    // let a 1 s timeout take 31 s: look ten times per timeout instead (at most every 30 s).
    ...(requestTimeout > 0 && {
      http: { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.ceil(requestTimeout / 10))) },
    }),
    // Requests that arrive while the server closes are refused by dtostack with a
    // ResponseStatus body, not by fastify with a body of its own.
    return503OnClosing: false,
    genReqId: requestIdOf,
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: sendClientError,
    ...options.fastify,
  })
  // A client may close its sending side once its request is sent (a FIN after the body):
  // Node would then drop the answer while the operation still runs. Half-open, the answer
  // is written and the connection closed after it. (Node's http.Server has read this
  // property since its first versions; it is not in its types.)
  Object.assign(app.server, { httpAllowHalfOpen: true })
  // Node enforces requestTimeout only once headersTimeout (60 s) is no longer than it.
  if (requestTimeout > 0 && app.server.headersTimeout > requestTimeout) {
    app.server.headersTimeout = requestTimeout
  }
  guardRequests(app, { echoRequestId: true })
  // Awaiting the registration loads the plugin now, so definition errors surface here,
  // while the instance stays open for the application's own routes and hooks.
  await app.register(dtostack, options as DtostackOptions)
  return app
}

// Letters, digits and `._:-`, as request ids of proxies and tracing systems are written.
const clientRequestId = /^[\w.:-]{1,128}$/

/**
 * The id a request is logged under and answered with (`X-Request-Id`): the client's own
 * when it sends a short one of safe characters, so its logs and ours can be matched, else
 * one of our own, unique across processes and restarts.
 */
function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers['x-request-id']
  return typeof sent === 'string' && clientRequestId.test(sent) ? sent : nextRequestId()
}

// Our ids are written as UUIDs: the first 74 bits are random, drawn once per process (and
// again after 2^48 requests), the last 48 count the process's requests. Drawing a random
// UUID for every request cost about two microseconds of a request's CPU under load.
const idsPerPrefix = 2 ** 48
let idPrefix = ''
let idCount = idsPerPrefix

function nextRequestId(): string {
  if (idCount === idsPerPrefix) {
    idPrefix = randomUUID().slice(0, 24)
    idCount = 0
  }
  return idPrefix + (idCount++).toString(16).padStart(12, '0')
}
