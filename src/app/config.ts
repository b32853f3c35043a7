/** The sample server's settings, from the environment. */

/** Where the sample server listens and keeps its data. */
export interface AppConfig {
  readonly databasePath: string
  readonly host: string
  readonly port: number
  readonly logLevel: string
  readonly debug: boolean
  /** The key that signs bearer tokens; without it one is made and kept in the database. */
  readonly jwtSecret?: string
  readonly registration: boolean
  readonly secureCookies: boolean
  /** Whether `X-Forwarded-For` names the client (behind a proxy). */
  readonly trustProxy: boolean
}

const yes = (value: string | undefined) => value === '1' || value === 'true'

/**
 * Reads `DATABASE_PATH`, `HOST`, `PORT`, `LOG_LEVEL`, `DEBUG`, `JWT_SECRET`,
 * `ALLOW_REGISTRATION`, `SECURE_COOKIES` and `TRUST_PROXY`.
 */
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
    debug: yes(env.DEBUG),
    jwtSecret: env.JWT_SECRET || undefined,
    registration: yes(env.ALLOW_REGISTRATION),
    secureCookies: yes(env.SECURE_COOKIES),
    trustProxy: yes(env.TRUST_PROXY),
  }
}
