/**
 * JWT bearer and refresh tokens (HS256, signed with `jose`). Each names its user and the
 * session it was issued for, so signing out, a password change or an expired session
 * ends the tokens too.
 */
import type * as Jose from 'jose'
import { randomBytes } from 'node:crypto'
import type { AuthStore } from './auth-store'

/** What a valid token says. */
export interface TokenClaims {
  readonly userId: number
  /** The hash of the session the token was issued for. */
  readonly sessionHash: string
}

/** Why a token was refused, in words a client may see. */
export type TokenRefusal = 'Token has expired' | 'Token is invalid'

type TokenKind = 'access' | 'refresh'

const issuer = 'dtostack'

/** Signs and checks the tokens of one key. */
export class TokenIssuer {
  private constructor(
    private readonly key: Uint8Array,
    private readonly accessLifetimeMs: number,
    private readonly jose: typeof Jose,
  ) {}

  /** An issuer with the configured secret, or with the one kept in the store (made once). */
  static create(store: AuthStore, options: { secret?: string; accessLifetimeMs: number }): TokenIssuer {
    const secret = options.secret ?? store.ensureSetting('jwt-secret', () => randomBytes(32).toString('base64'))
    if (secret.length < 32) throw new RangeError('the JWT secret must have at least 32 characters')
    // Loaded here rather than imported: an API without authentication never needs it.
    const jose = require('jose') as typeof Jose
    return new TokenIssuer(new TextEncoder().encode(secret), options.accessLifetimeMs, jose)
  }

  /** A bearer token valid for the access lifetime (never past its session's end). */
  async access(claims: TokenClaims, sessionEnds: Date): Promise<string> {
    const expires = Math.min(Date.now() + this.accessLifetimeMs, sessionEnds.getTime())
    return this.sign(claims, 'access', new Date(expires))
  }

  /** A refresh token, valid as long as its session. */
  async refresh(claims: TokenClaims, expiresAt: Date): Promise<string> {
    return this.sign(claims, 'refresh', expiresAt)
  }

  private sign(claims: TokenClaims, kind: TokenKind, expiresAt: Date): Promise<string> {
    return new this.jose.SignJWT({ sid: claims.sessionHash, typ: kind })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.userId))
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key)
  }

  /** The claims of a valid token of this kind, or why it is refused. */
  async verify(token: string, kind: TokenKind): Promise<TokenClaims | TokenRefusal> {
    try {
      const { payload } = await this.jose.jwtVerify(token, this.key, { issuer, algorithms: ['HS256'] })
      const userId = Number(payload.sub)
      if (payload.typ !== kind || typeof payload.sid !== 'string' || !Number.isInteger(userId)) {
        return 'Token is invalid'
      }
      return { userId, sessionHash: payload.sid }
    } catch (error) {
      return error instanceof this.jose.errors.JWTExpired ? 'Token has expired' : 'Token is invalid'
    }
  }
}

/** Whether a bearer value has the shape of a JWT. */
export function looksLikeJwt(value: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value)
}
