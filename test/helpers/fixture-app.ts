/** A dtostack server over fixture DTO modules, without authentication. */
import type { FastifyInstance } from 'fastify'
import { createServer, type DtostackOptions } from '../../src/index'

/** Builds a server on the given modules; closed when the test ends. */
export async function fixtureApp(
  t: tap.Test,
  options: Partial<DtostackOptions> & Pick<DtostackOptions, 'modules'>,
): Promise<FastifyInstance> {
  const app = await createServer({ namespace: 'MyApp.ServiceModel', ...options })
  t.teardown(() => app.close())
  return app
}
