/**
 * `npm start`: the sample server on its SQLite file. Logs one line when it listens and
 * shuts down cleanly on SIGINT or SIGTERM (a second signal exits at once).
 */
import { LogController } from 'fastify'
import { openDatabase } from '../index'
import { loadConfig } from './config'
import { createApp } from './create-app'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const database = openDatabase(config.databasePath)
  const app = await createApp({
    database,
    debug: config.debug,
    auth: {
      jwtSecret: config.jwtSecret,
      registration: config.registration && { defaultRoles: ['User'] },
      secureCookies: config.secureCookies,
    },
    fastify: {
      trustProxy: config.trustProxy,
      logger: { level: config.logLevel },
      // Request lines only when debugging: one line per request drowns everything else.
      logController: new LogController({
        disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
      }),
    },
  })
  let closing = false
  const shutdown = (signal: string) => {
    if (closing) process.exit(1)
    closing = true
    app.log.info({ signal }, 'shutting down')
    app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0), (err: unknown) => {
        app.log.error({ err }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)

  const operations = app.dtostack.registry.operations.length
  await app.listen({
    host: config.host,
    port: config.port,
    listenTextResolver: (address) =>
      `listening on ${address}: ${operations} operations, database ${config.databasePath}`,
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
