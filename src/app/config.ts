/** The sample server's settings, from the environment. */

/** Where the sample server listens and keeps its data. */
export interface AppConfig {
  readonly databasePath: string
  readonly host: string
  readonly port: number
  readonly logLevel: string
  readonly debug: boolean
}

/** Reads `DATABASE_PATH`, `HOST`, `PORT`, `LOG_LEVEL` and `DEBUG`. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const port = Number(env.PORT ?? 5000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT must be a port number, not '${env.PORT}'`)
  }
  return {
    databasePath: env.DATABASE_PATH ?? './data/app.db',
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    debug: env.DEBUG === '1' || env.DEBUG === 'true',
  }
}
