/** The built-in service behind `Authenticate`: sign in, current session, sign out. */
import type { RequestContext } from '../contract/contracts'
import { HttpResult, type ResponseCookie } from '../contract/http-result'
import { Handles } from '../contract/service-decorators'
import { ApiError, type FieldError } from '../errors/api-error'
import type { AuthStore, UserRow } from './auth-store'
import { createSessionId, hashSessionId } from './credentials'
import { notAuthenticated } from './guard'
import { Authenticate, AuthenticateResponse } from './dtos'
import type { ResolvedAuthOptions } from './options'
import { dummyHash, verifyPassword } from './passwords'

/** What the authentication service is built with. */
export interface AuthServiceDeps {
  readonly store: AuthStore
  readonly options: ResolvedAuthOptions
}

const sessionCookies = ['ss-id', 'ss-pid', 'ss-opt']

/** Serves ServiceStack's `Authenticate` operation on `/auth`, `/auth/{provider}` and `/api/Authenticate`. */
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
    if (!ctx.user || !ctx.session) throw notAuthenticated()
    const user = this.deps.store.findUserById(ctx.user.id)
    if (!user) throw notAuthenticated()
    return responseFor(user, ctx.session.id)
  }

  private async signIn(request: Authenticate, ctx: RequestContext): Promise<HttpResult<AuthenticateResponse>> {
    const missing: FieldError[] = []
    if (!request.userName) missing.push(required('UserName', 'User Name'))
    if (!request.password) missing.push(required('Password', 'Password'))
    if (missing.length > 0) {
      throw new ApiError(missing[0]!.errorCode, missing[0]!.message, { status: 400, fieldErrors: missing })
    }
    const user = this.deps.store.findUserByName(request.userName!)
    // The hash is checked even for an unknown user, so both answers take as long.
    const valid = await verifyPassword(request.password!, user?.passwordHash ?? (await dummyHash()))
    if (!user || !valid) throw notAuthenticated('Invalid Username or Password')

    const now = new Date()
    const store = this.deps.store
    if (ctx.session) store.deleteSession(hashSessionId(ctx.session.id))
    store.purgeExpiredSessions(now)
    const permanent = request.rememberMe === true
    const lifetime = permanent ? this.deps.options.permanentSessionExpiryMs : this.deps.options.sessionExpiryMs
    const id = createSessionId()
    store.createSession({
      idHash: hashSessionId(id),
      userId: user.id,
      isPermanent: permanent,
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetime),
    })
    return new HttpResult(responseFor(user, id), { cookies: this.cookiesFor(id, permanent, lifetime) })
  }

  private logout(ctx: RequestContext): HttpResult<AuthenticateResponse> {
    if (ctx.session) this.deps.store.deleteSession(hashSessionId(ctx.session.id))
    return new HttpResult(new AuthenticateResponse(), { clearCookies: sessionCookies })
  }

  private cookiesFor(id: string, permanent: boolean, lifetimeMs: number): ResponseCookie[] {
    const options = { secure: this.deps.options.secureCookies }
    if (!permanent) {
      return [
        { name: 'ss-id', value: id, options },
        { name: 'ss-opt', value: 'temp', options },
      ]
    }
    const maxAge = Math.floor(lifetimeMs / 1000)
    return [
      { name: 'ss-id', value: id, options },
      { name: 'ss-pid', value: id, options: { ...options, maxAge } },
      { name: 'ss-opt', value: 'perm', options: { ...options, maxAge } },
    ]
  }
}

function responseFor(user: UserRow, sessionId: string): AuthenticateResponse {
  return Object.assign(new AuthenticateResponse(), {
    userId: String(user.id),
    sessionId,
    userName: user.userName,
    displayName: user.displayName ?? user.userName,
    bearerToken: sessionId,
    roles: [...user.roles],
    permissions: [...user.permissions],
  })
}

function required(fieldName: string, display: string): FieldError {
  return { errorCode: 'NotEmpty', fieldName, message: `'${display}' must not be empty.` }
}
