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
import { isCrossSite } from './cross-site'
import { attemptKeyOf, normalizeUserName, userNamePattern } from './user-names'
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
    // Signing out changes state: a link on another page must not do it.
    if (provider === 'logout') throw new ApiError('MethodNotAllowed', 'Sign out with POST', { headers: { Allow: 'POST' } })
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
    assertSignInRequest(ctx, this.deps.options.trustedOrigins)
    const name = normalizeUserName(request.userName!)
    const keys = [attemptKeyOf(name), `address:${ctx.request.ip}`] as const
    // Counted before the password is checked, so attempts made together all count.
    this.countAttempt(keys, [this.deps.options.throttle.maxFailuresPerUser, this.deps.options.throttle.maxFailuresPerAddress])
    const user = name.length <= 256 ? this.deps.store.findUserByName(name) : undefined
    // The hash is checked even for an unknown user, so both answers take as long.
    const valid = await verifyPassword(request.password!, user?.passwordHash ?? (await dummyHash()))
    if (!user || !valid) throw notAuthenticated('Invalid Username or Password')

    const { store, options } = this.deps
    store.clearLoginAttempts(keys[0])
    store.refundLoginAttempt(keys[1], new Date(), options.throttle.windowMs)
    const started = await startSession(this.deps, user, {
      rememberMe: request.rememberMe === true,
      previousSessionHash: credentialsOf(ctx.request)?.sessionHash,
    })
    return new HttpResult(Object.assign(new AuthenticateResponse(), sessionResponse(user, started)), {
      cookies: started.cookies,
    })
  }

  private countAttempt(keys: readonly string[], limits: readonly number[]): void {
    const now = new Date()
    const windowMs = this.deps.options.throttle.windowMs
    keys.forEach((key, i) => {
      const count = this.deps.store.recordLoginAttempt(key, now, windowMs)
      if (count.failures > limits[i]!) throw tooManyAttempts(count.windowStart, windowMs, now)
    })
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
    const { store, options } = this.deps
    const settings = options.registration
    if (!settings) throw ApiError.notFound('Registration is not open')
    assertSignInRequest(ctx, options.trustedOrigins)
    const now = new Date()
    const count = store.recordLoginAttempt(`register:${ctx.request.ip}`, now, options.throttle.windowMs)
    if (count.failures > maxRegistrationsPerAddress) throw tooManyAttempts(count.windowStart, options.throttle.windowMs, now)
    assertRegistration(request, options.minPasswordLength)
    const userName = normalizeUserName(request.userName!)
    // Checked before the password is hashed, so a taken name costs no hashing.
    if (store.findUserByName(userName)) throw ApiError.conflict(`User name '${userName}' is already taken`)
    const user = store.createUser({
      userName,
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

const maxRegistrationsPerAddress = 20
const maxTextLength = 200

function assertRegistration(request: Register, minPasswordLength: number): void {
  const errors: FieldError[] = []
  if (!request.userName) errors.push(required('UserName', 'User Name'))
  else if (!userNamePattern.test(normalizeUserName(request.userName))) {
    errors.push({
      errorCode: 'RegularExpression',
      fieldName: 'UserName',
      message: "'User Name' may hold 2 to 64 letters, digits and . _ @ + -",
    })
  }
  for (const [key, fieldName] of [['displayName', 'DisplayName'], ['firstName', 'FirstName'], ['lastName', 'LastName'], ['email', 'Email']] as const) {
    const value = request[key]
    if (value !== undefined && value.length > maxTextLength) {
      errors.push({ errorCode: 'MaximumLength', fieldName, message: `The length of '${fieldName}' must be ${maxTextLength} characters or fewer.` })
    }
  }
  if (request.password !== undefined && request.password.length > 1024) {
    errors.push({ errorCode: 'MaximumLength', fieldName: 'Password', message: "The length of 'Password' must be 1024 characters or fewer." })
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

// A sign-in or registration must come from this server's pages (no login CSRF), and never
// carry the password in the URL, where logs and histories keep it.
function assertSignInRequest(ctx: RequestContext, trustedOrigins: readonly string[]): void {
  const { request } = ctx
  if (isCrossSite({ method: request.method, headers: request.headers, protocol: request.protocol, trustedOrigins })) {
    throw ApiError.forbidden('Sign-in from another site is refused')
  }
  const query = (request.query ?? {}) as Record<string, unknown>
  if (Object.keys(query).some((key) => key.toLowerCase() === 'password')) {
    throw ApiError.badRequest('Send the password in the request body, not in the URL')
  }
}

function tooManyAttempts(windowStart: Date, windowMs: number, now: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000))
  return new ApiError('TooManyRequests', 'Too many attempts: try again later', { headers: { 'Retry-After': String(seconds) } })
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
