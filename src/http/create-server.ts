/** A fastify instance with dtostack registered and settings that suit it. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
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
  const app = Fastify({
    logger: false,
    // A client that never finishes its request must not hold a connection forever.
    requestTimeout: 30_000,
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: sendClientError,
    ...options.fastify,
  })
  // Node enforces requestTimeout only once headersTimeout (60 s) is no longer than it.
  const requestTimeout = app.server.requestTimeout
  if (requestTimeout > 0 && app.server.headersTimeout > requestTimeout) {
    app.server.headersTimeout = requestTimeout
  }
  // Awaiting the registration loads the plugin now, so definition errors surface here,
  // while the instance stays open for the application's own routes and hooks.
  await app.register(dtostack, options as DtostackOptions)
  return app
}
