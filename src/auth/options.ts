/** Settings of authentication. */

/** Options of dtostack's authentication. */
export interface AuthOptions {
  /** Lifetime of a session without "remember me", in ms. @default 14 days */
  readonly sessionExpiryMs?: number
  /** Lifetime of a "remember me" session, in ms. @default 30 days */
  readonly permanentSessionExpiryMs?: number
  /** Mark session cookies `Secure` (serve over HTTPS). @default false */
  readonly secureCookies?: boolean
  /** The role that passes every role and permission check. @default 'Admin' */
  readonly adminRole?: string
}

/** Authentication settings with every default filled in. */
export interface ResolvedAuthOptions {
  readonly sessionExpiryMs: number
  readonly permanentSessionExpiryMs: number
  readonly secureCookies: boolean
  readonly adminRole: string
}

const day = 86_400_000

/** Fills in the defaults of {@link AuthOptions}. */
export function resolveAuthOptions(options: AuthOptions = {}): ResolvedAuthOptions {
  return {
    sessionExpiryMs: options.sessionExpiryMs ?? 14 * day,
    permanentSessionExpiryMs: options.permanentSessionExpiryMs ?? 30 * day,
    secureCookies: options.secureCookies ?? false,
    adminRole: options.adminRole ?? 'Admin',
  }
}
