/**
 * The built-in authentication services: `Authenticate` (sign in, current session, sign
 * out), `GetAccessToken` (a new bearer token for a refresh token) and `Register`.
 */
import type { RequestContext } from '../contract/contracts'
import { HttpResult } from '../contract/http-result'
import { Handles } from '../contract/service-decorators'
import { ApiError, type FieldError } from '../errors/api-error'
import type { AuthStore, UserRow } from './auth-store'
import { credentialsOf } from './credentials'
import { Authenticate, AuthenticateResponse, GetAccessToken, GetAccessTokenResponse, Register, RegisterResponse } from './dtos'
import { notAuthenticated } from './guard'
import type { ResolvedAuthOptions } from './options'
import { dummyHash, hashPassword, verifyPassword } from './passwords'
import { startSession, type StartedSession } from './sign-in'
import type { TokenIssuer } from './tokens'

/** What the authentication services are built with. */
export interface AuthServiceDeps {
  readonly store: AuthStore
  readonly tokens: TokenIssuer
  readonly options: ResolvedAuthOptions
}

const sessionCookies = ['ss-id', 'ss-pid', 'ss-opt']

/** Serves `Authenticate` on `/auth`, `/auth/{provider}` and `/api/Authenticate`. */
export class AuthServices {
  constructor(private readonly deps: AuthServiceDeps) {}

  @Handles()
  async post(request: Authenticate, ctx: RequestContext): Promise<unknown> {
    const provider = (request.provider ?? '').toLowerCase()
    if (provider === 'logout') return this.logout(ctx)
    if (provider === 'credentials' || (provider === '' && request.userName !== undefined)) {
      return this.signIn(request, ctx)
    }
    if (provider === '') return this.current(ctx)
    throw ApiError.notFound(`Unknown authentication provider '${request.provider}'`)
  }

  @Handles()
  async get(request: Authenticate, ctx: RequestContext): Promise<unknown> {
    const provider = (request.provider ?? '').toLowerCase()
    if (provider === 'logout') return this.logout(ctx)
    if (provider === '' && request.userName === undefined && request.password === undefined) {
      return this.current(ctx)
    }
    if (provider === '' || provider === 'credentials') {
      // A password in a URL ends up in logs and browser history.
      throw new ApiError('MethodNotAllowed', 'Sign in with POST', { headers: { Allow: 'POST' } })
    }
    throw ApiError.notFound(`Unknown authentication provider '${request.provider}'`)
  }

  private current(ctx: RequestContext): AuthenticateResponse {
    const user = ctx.user && this.deps.store.findUserById(ctx.user.id)
    if (!user) throw notAuthenticated()
    return Object.assign(new AuthenticateResponse(), {
      ...identity(user),
      sessionId: ctx.session?.id,
      roles: [...ctx.user!.roles],
    })
  }

  private async signIn(request: Authenticate, ctx: RequestContext): Promise<HttpResult<AuthenticateResponse>> {
    const missing: FieldError[] = []
    if (!request.userName) missing.push(required('UserName', 'User Name'))
    if (!request.password) missing.push(required('Password', 'Password'))
    if (missing.length > 0) {
      throw new ApiError(missing[0]!.errorCode, missing[0]!.message, { status: 400, fieldErrors: missing })
    }
    const keys = [`user:${request.userName!.toLowerCase()}`, `address:${ctx.request.ip}`]
    this.assertNotThrottled(keys)
    const user = this.deps.store.findUserByName(request.userName!)
    // The hash is checked even for an unknown user, so both answers take as long.
    const valid = await verifyPassword(request.password!, user?.passwordHash ?? (await dummyHash()))
    if (!user || !valid) {
      this.recordFailure(keys)
      throw notAuthenticated('Invalid Username or Password')
    }
    this.deps.store.clearLoginFailures(keys[0]!)
    const started = await startSession(this.deps, user, {
      rememberMe: request.rememberMe === true,
      previousSessionHash: credentialsOf(ctx.request)?.sessionHash,
    })
    return new HttpResult(Object.assign(new AuthenticateResponse(), sessionResponse(user, started)), {
      cookies: started.cookies,
    })
  }

  private assertNotThrottled(keys: readonly string[]): void {
    const { store, options } = this.deps
    const now = new Date()
    const limits = [options.throttle.maxFailuresPerUser, options.throttle.maxFailuresPerAddress]
    keys.forEach((key, i) => {
      const count = store.loginFailures(key, now, options.throttle.windowMs)
      if (count && count.failures >= limits[i]!) {
        const opens = count.windowStart.getTime() + options.throttle.windowMs
        const seconds = Math.max(1, Math.ceil((opens - now.getTime()) / 1000))
        throw new ApiError('TooManyRequests', 'Too many failed sign-ins: try again later', {
          headers: { 'Retry-After': String(seconds) },
        })
      }
    })
  }

  private recordFailure(keys: readonly string[]): void {
    const now = new Date()
    for (const key of keys) this.deps.store.recordLoginFailure(key, now, this.deps.options.throttle.windowMs)
  }

  private logout(ctx: RequestContext): HttpResult<AuthenticateResponse> {
    const hash = credentialsOf(ctx.request)?.sessionHash
    if (hash) this.deps.store.deleteSession(hash)
    return new HttpResult(new AuthenticateResponse(), { clearCookies: sessionCookies })
  }
}

/** Serves `GetAccessToken` on `/access-token` and `/api/GetAccessToken`. */
export class AccessTokenServices {
  constructor(private readonly deps: AuthServiceDeps) {}

  @Handles()
  async post(request: GetAccessToken): Promise<GetAccessTokenResponse> {
    if (!request.refreshToken) {
      throw new ApiError('NotEmpty', "'Refresh Token' must not be empty.", {
        status: 400,
        fieldErrors: [required('RefreshToken', 'Refresh Token')],
      })
    }
    const claims = await this.deps.tokens.verify(request.refreshToken, 'refresh')
    if (typeof claims === 'string') throw notAuthenticated(claims)
    const session = this.deps.store.findSession(claims.sessionHash, new Date())
    if (!session || session.userId !== claims.userId) throw notAuthenticated('Token has been invalidated')
    const accessToken = await this.deps.tokens.access(claims, session.expiresAt)
    return Object.assign(new GetAccessTokenResponse(), { accessToken })
  }
}

/** Serves `Register` on `/register`, when the application allows registration. */
export class RegisterServices {
  constructor(private readonly deps: AuthServiceDeps) {}

  @Handles()
  async post(request: Register, ctx: RequestContext): Promise<HttpResult<RegisterResponse>> {
    const settings = this.deps.options.registration
    if (!settings) throw ApiError.notFound('Registration is not open')
    assertRegistration(request, this.deps.options.minPasswordLength)
    const user = this.deps.store.createUser({
      userName: request.userName!,
      passwordHash: await hashPassword(request.password!),
      displayName: request.displayName ?? ([request.firstName, request.lastName].filter(Boolean).join(' ') || undefined),
      roles: settings.defaultRoles,
    })
    if (!request.autoLogin) {
      return new HttpResult(Object.assign(new RegisterResponse(), identity(user), { roles: [...user.roles] }), { status: 201 })
    }
    const started = await startSession(this.deps, user, {
      rememberMe: false,
      previousSessionHash: credentialsOf(ctx.request)?.sessionHash,
    })
    return new HttpResult(Object.assign(new RegisterResponse(), sessionResponse(user, started)), {
      status: 201,
      cookies: started.cookies,
    })
  }
}

const userNamePattern = /^[\p{L}\p{N}._@+-]{2,64}$/u

function assertRegistration(request: Register, minPasswordLength: number): void {
  const errors: FieldError[] = []
  if (!request.userName) errors.push(required('UserName', 'User Name'))
  else if (!userNamePattern.test(request.userName)) {
    errors.push({
      errorCode: 'RegularExpression',
      fieldName: 'UserName',
      message: "'User Name' may hold 2 to 64 letters, digits and . _ @ + -",
    })
  }
  if (!request.password) errors.push(required('Password', 'Password'))
  else if (request.password.length < minPasswordLength) {
    errors.push({
      errorCode: 'MinimumLength',
      fieldName: 'Password',
      message: `The length of 'Password' must be at least ${minPasswordLength} characters. You entered ${request.password.length} characters.`,
    })
  } else if (request.password.toLowerCase() === request.userName?.toLowerCase()) {
    errors.push({ errorCode: 'NotEqual', fieldName: 'Password', message: "'Password' must not be the user name." })
  }
  if (request.confirmPassword !== undefined && request.confirmPassword !== request.password) {
    errors.push({ errorCode: 'Equal', fieldName: 'ConfirmPassword', message: "'Confirm Password' must equal 'Password'." })
  }
  if (errors.length > 0) {
    throw new ApiError(errors[0]!.errorCode, errors[0]!.message, { status: 400, fieldErrors: errors })
  }
}

function identity(user: UserRow) {
  return { userId: String(user.id), userName: user.userName, displayName: user.displayName ?? user.userName }
}

function sessionResponse(user: UserRow, started: StartedSession) {
  return {
    ...identity(user),
    sessionId: started.sessionId,
    bearerToken: started.bearerToken,
    refreshToken: started.refreshToken,
    refreshTokenExpiry: started.refreshTokenExpiry,
    roles: [...user.roles],
    permissions: [...user.permissions],
  }
}

function required(fieldName: string, display: string): FieldError {
  return { errorCode: 'NotEmpty', fieldName, message: `'${display}' must not be empty.` }
}
