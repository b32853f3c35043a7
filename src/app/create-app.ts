/** Builds the sample server on a database: what `npm start` runs and the tests call. */
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import * as dtos from '../../dtos/app'
import { createServer, SqliteAuthStore, type AuthOptions, type SqliteDatabase } from '../index'
import * as services from './services'
import { DeviceTokenTable } from './tables'

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  readonly database: SqliteDatabase
  readonly debug?: boolean
  readonly auth?: AuthOptions
  readonly fastify?: FastifyServerOptions
}

/** The sample API: its operations on the given database. */
export async function createApp(options: CreateAppOptions): Promise<FastifyInstance> {
  // Users first: the tokens table refers to them.
  const authStore = new SqliteAuthStore(options.database)
  return createServer({
    modules: [dtos, services],
    namespace: 'Voice.Api.App',
    serviceName: 'Evo Voice',
    authStore,
    deps: { tokens: new DeviceTokenTable(options.database) },
    debug: options.debug,
    auth: options.auth,
    fastify: options.fastify,
  })
}
