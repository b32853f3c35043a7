/** The sample server's settings, from the environment. */

/** Where the sample server listens and keeps its data, and the bounds it keeps. */
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
  /**
   * How many proxies in front add themselves to `X-Forwarded-For` (false: none, the
   * socket's address is the client's). The client is the entry that many hops back
   * from the socket, never one further left, which the client itself may have written.
   */
  readonly trustProxy: number | false
  /** How many processes serve the port; 1 runs the server without a cluster. */
  readonly workers: number
  readonly busyTimeoutMs?: number
  /** `full` syncs every commit to disk (survives power loss), `normal` does not. */
  readonly synchronous?: 'normal' | 'full'
  /** Settings left unset here take the framework's defaults. */
  readonly limits: {
    readonly bodyLimit?: number
    readonly requestTimeoutMs?: number
    readonly maxDepth?: number
    readonly maxBatchSize?: number
    readonly maxStringLength?: number
    readonly maxFailuresPerUser?: number
    readonly maxFailuresPerAddress?: number
    readonly loginWindowMs?: number
  }
}

const yes = (value: string | undefined) => value === '1' || value === 'true'

/**
 * Reads `DATABASE_PATH`, `HOST`, `PORT`, `LOG_LEVEL`, `DEBUG`, `JWT_SECRET`,
 * `ALLOW_REGISTRATION`, `SECURE_COOKIES`, `TRUST_PROXY`, `WORKERS`,
 * `DATABASE_BUSY_TIMEOUT_MS`, `DATABASE_SYNCHRONOUS` and the limits (`BODY_LIMIT`,
 * `REQUEST_TIMEOUT_MS`, `MAX_DEPTH`, `MAX_BATCH_SIZE`, `MAX_STRING_LENGTH`,
 * `LOGIN_MAX_FAILURES_PER_USER`, `LOGIN_MAX_FAILURES_PER_ADDRESS`, `LOGIN_WINDOW_MS`).
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const port = Number(env.PORT ?? 5000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT must be a port number, not '${env.PORT}'`)
  }
  const synchronous = env.DATABASE_SYNCHRONOUS?.toLowerCase()
  if (synchronous !== undefined && synchronous !== 'normal' && synchronous !== 'full') {
    throw new RangeError(`DATABASE_SYNCHRONOUS must be 'normal' or 'full', not '${env.DATABASE_SYNCHRONOUS}'`)
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
    trustProxy: proxyHops(env),
    workers: count(env, 'WORKERS') ?? 1,
    busyTimeoutMs: count(env, 'DATABASE_BUSY_TIMEOUT_MS'),
    synchronous,
    limits: {
      bodyLimit: count(env, 'BODY_LIMIT'),
      requestTimeoutMs: count(env, 'REQUEST_TIMEOUT_MS'),
      maxDepth: count(env, 'MAX_DEPTH'),
      maxBatchSize: count(env, 'MAX_BATCH_SIZE'),
      maxStringLength: count(env, 'MAX_STRING_LENGTH'),
      maxFailuresPerUser: count(env, 'LOGIN_MAX_FAILURES_PER_USER'),
      maxFailuresPerAddress: count(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS'),
      loginWindowMs: count(env, 'LOGIN_WINDOW_MS'),
    },
  }
}

// A positive whole number from the environment, or undefined when the variable is unset.
function count(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]
  if (text === undefined || text === '') return undefined
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number above 0, not '${text}'`)
  }
  return value
}

/**
 * fastify's `trustProxy` for {@link AppConfig.trustProxy}: trusts the socket and the
 * entries the proxies added, so the client is the one the farthest of them saw.
 */
export function proxyTrust(config: Pick<AppConfig, 'trustProxy'>): false | ((address: string, hop: number) => boolean) {
  const hops = config.trustProxy
  return hops !== false && ((_address, hop) => hop < hops)
}

// TRUST_PROXY: unset, 0 or false for none; 1 or true for one proxy; n for a chain of n.
function proxyHops(env: NodeJS.ProcessEnv): number | false {
  const text = env.TRUST_PROXY
  if (text === undefined || text === '' || text === '0' || text === 'false') return false
  if (text === 'true') return 1
  return count(env, 'TRUST_PROXY') ?? false
}
