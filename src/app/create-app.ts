/** Builds the sample server on a database: what `npm start` runs and the tests call. */
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import * as dtos from '../../dtos/app'
import {
  createServer,
  databaseProbe,
  SqliteAuthStore,
  type AuthOptions,
  type DtostackOptions,
  type SqliteDatabase,
} from '../index'
import * as services from './services'
import { DeviceTokenTable } from './tables'

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  readonly database: SqliteDatabase
  readonly debug?: boolean
  readonly auth?: AuthOptions
  readonly limits?: DtostackOptions['limits']
  readonly fastify?: FastifyServerOptions
}

/** The sample API: its operations on the given database, and `/health` with a database probe. */
export async function createApp(options: CreateAppOptions): Promise<FastifyInstance> {
  // Users first: the tokens table refers to them.
  const authStore = new SqliteAuthStore(options.database)
  const database = options.database
  // Reads through the connection (throws once it is closed) and checks the file is still there.
  const probe = databaseProbe(database, 'schema_migrations')
  return createServer({
    modules: [dtos, services],
    namespace: 'Voice.Api.App',
    serviceName: 'Evo Voice',
    authStore,
    deps: { tokens: new DeviceTokenTable(database) },
    debug: options.debug,
    auth: options.auth,
    limits: options.limits,
    health: { probes: { database: probe } },
    fastify: options.fastify,
  })
}
