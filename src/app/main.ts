/**
 * `npm start`: the sample server on its SQLite file, in one process or, with `WORKERS=n`,
 * in n worker processes sharing the port and the file. Logs one line when it listens and
 * shuts down cleanly on SIGINT or SIGTERM (a second signal exits at once).
 */
import cluster from 'node:cluster'
import { LogController } from 'fastify'
import { openDatabase } from '../index'
import { runPrimary } from './cluster'
import { loadConfig, proxyTrust, type AppConfig } from './config'
import { createApp } from './create-app'

async function serve(config: AppConfig): Promise<void> {
  const database = openDatabase(config.databasePath, {
    busyTimeoutMs: config.busyTimeoutMs,
    synchronous: config.synchronous,
  })
  const { limits } = config
  const app = await createApp({
    database,
    debug: config.debug,
    auth: {
      jwtSecret: config.jwtSecret,
      registration: config.registration && { defaultRoles: ['User'] },
      secureCookies: config.secureCookies,
      throttle: {
        maxFailuresPerUser: limits.maxFailuresPerUser,
        maxFailuresPerAddress: limits.maxFailuresPerAddress,
        windowMs: limits.loginWindowMs,
      },
    },
    limits: {
      maxDepth: limits.maxDepth,
      maxBatchSize: limits.maxBatchSize,
      maxStringLength: limits.maxStringLength,
    },
    fastify: {
      trustProxy: proxyTrust(config),
      logger: { level: config.logLevel },
      // Request lines only when debugging: one line per request drowns everything else.
      logController: new LogController({
        disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
      }),
      ...(limits.bodyLimit && { bodyLimit: limits.bodyLimit }),
      ...(limits.requestTimeoutMs && { requestTimeout: limits.requestTimeoutMs }),
    },
  })
  let closing = false
  let signals = 0
  const close = () => {
    if (closing) return
    closing = true
    app
      .close()
      .then(() => {
        database.close()
        app.log.info('database closed')
      })
      .then(() => process.exit(0), (err: unknown) => {
        app.log.error({ err }, 'shutdown failed')
        process.exit(1)
      })
  }
  // Only signals count towards the second one: the primary's message may come first.
  const onSignal = (signal: string) => {
    if (++signals > 1) {
      app.log.warn({ signal }, 'second signal: exiting at once')
      process.exit(1)
    }
    if (closing) return
    app.log.info({ signal }, 'shutting down')
    close()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  // A worker is asked to stop by its primary; on Ctrl-C it also gets the terminal's SIGINT,
  // before or after the message, and the two together must not count as a second signal.
  process.on('message', (message) => {
    if (message === 'shutdown' && !closing) {
      app.log.info('shutting down')
      close()
    }
  })

  const operations = app.dtostack.registry.operations.length
  await app.listen({
    host: config.host,
    port: config.port,
    listenTextResolver: (address) =>
      `listening on ${address}: ${operations} operations, database ${config.databasePath}`,
  })
}

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  if (config.workers > 1 && cluster.isPrimary) runPrimary(config.workers)
  else await serve(config)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
