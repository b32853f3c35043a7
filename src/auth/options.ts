/** Settings of authentication. */
import { DefinitionError } from '../errors/definition-error'

/** Options of dtostack's authentication. */
export interface AuthOptions {
  /** Lifetime of a session without "remember me", in ms. @default 14 days */
  readonly sessionExpiryMs?: number
  /** Lifetime of a "remember me" session, in ms. @default 30 days */
  readonly permanentSessionExpiryMs?: number
  /** Each use of a session renews its lifetime; otherwise it ends when it was due. @default true */
  readonly slidingSessions?: boolean
  /** Mark session cookies `Secure` (serve over HTTPS). @default false */
  readonly secureCookies?: boolean
  /** The role that passes every role and permission check. @default 'Admin' */
  readonly adminRole?: string
  /** Lifetime of the JWT bearer token a sign-in answers, in ms. @default 1 hour */
  readonly accessTokenExpiryMs?: number
  /**
   * The key that signs bearer tokens (32 characters or more). Without one, a random key is
   * made once and kept in the database, so every process and restart shares it.
   */
  readonly jwtSecret?: string
  /** Serve the `Register` operation (`POST /register`). @default false */
  readonly registration?: boolean | { readonly defaultRoles?: readonly string[] }
  /** The shortest password `Register` accepts. @default 8 */
  readonly minPasswordLength?: number
  /** How many failed sign-ins a user name and an address may have in a window. */
  readonly throttle?: {
    /** @default 10 */
    readonly maxFailuresPerUser?: number
    /** @default 50 */
    readonly maxFailuresPerAddress?: number
    /** @default 15 minutes */
    readonly windowMs?: number
  }
  /**
   * Origins (`https://app.example`) whose pages may send requests that change state with
   * the session cookie. Other sites' requests so authenticated are refused.
   */
  readonly trustedOrigins?: readonly string[]
}

/** Authentication settings with every default filled in. */
export interface ResolvedAuthOptions {
  readonly sessionExpiryMs: number
  readonly permanentSessionExpiryMs: number
  readonly slidingSessions: boolean
  readonly secureCookies: boolean
  readonly adminRole: string
  readonly accessTokenExpiryMs: number
  readonly jwtSecret?: string
  readonly registration: false | { readonly defaultRoles: readonly string[] }
  readonly minPasswordLength: number
  readonly throttle: { readonly maxFailuresPerUser: number; readonly maxFailuresPerAddress: number; readonly windowMs: number }
  readonly trustedOrigins: readonly string[]
}

const minute = 60_000
const day = 86_400_000

// Lifetimes and windows are added to and taken from the current time, and stored as
// ISO-8601 text that sorts in time order only within the years 0 to 9999.
const maxDurationMs = 100 * 365 * day

/**
 * Fills in the defaults of {@link AuthOptions}; throws a DefinitionError for a lifetime or
 * window that is not a whole number of ms from 1 to 100 years, or a count below 1.
 */
export function resolveAuthOptions(options: AuthOptions = {}): ResolvedAuthOptions {
  const resolved = withDefaults(options)
  const durations = {
    sessionExpiryMs: resolved.sessionExpiryMs,
    permanentSessionExpiryMs: resolved.permanentSessionExpiryMs,
    accessTokenExpiryMs: resolved.accessTokenExpiryMs,
    'throttle.windowMs': resolved.throttle.windowMs,
  }
  for (const [name, value] of Object.entries(durations)) {
    if (!Number.isSafeInteger(value) || value < 1 || value > maxDurationMs) {
      const range = `from 1 to ${maxDurationMs} (100 years)`
      throw new DefinitionError('DEF_OPTION_INVALID', `auth.${name} must be a whole number of ms ${range}, not ${value}`)
    }
  }
  const counts = {
    'throttle.maxFailuresPerUser': resolved.throttle.maxFailuresPerUser,
    'throttle.maxFailuresPerAddress': resolved.throttle.maxFailuresPerAddress,
  }
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new DefinitionError('DEF_OPTION_INVALID', `auth.${name} must be a whole number above 0, not ${value}`)
    }
  }
  return resolved
}

function withDefaults(options: AuthOptions): ResolvedAuthOptions {
  const registration = options.registration
  return {
    sessionExpiryMs: options.sessionExpiryMs ?? 14 * day,
    permanentSessionExpiryMs: options.permanentSessionExpiryMs ?? 30 * day,
    slidingSessions: options.slidingSessions ?? true,
    secureCookies: options.secureCookies ?? false,
    adminRole: options.adminRole ?? 'Admin',
    accessTokenExpiryMs: options.accessTokenExpiryMs ?? 60 * minute,
    jwtSecret: options.jwtSecret,
    registration: registration
      ? { defaultRoles: typeof registration === 'object' ? registration.defaultRoles ?? [] : [] }
      : false,
    minPasswordLength: options.minPasswordLength ?? 8,
    throttle: {
      maxFailuresPerUser: options.throttle?.maxFailuresPerUser ?? 10,
      maxFailuresPerAddress: options.throttle?.maxFailuresPerAddress ?? 50,
      windowMs: options.throttle?.windowMs ?? 15 * minute,
    },
    trustedOrigins: options.trustedOrigins ?? [],
  }
}
