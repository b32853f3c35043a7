/**
 * ServiceStack's marker types and the shapes a service sees while it runs. The markers
 * are types only: at run time `@Returns`, `@ReturnsVoid` and `@Verb` carry the same facts.
 */
import type { FastifyRequest } from 'fastify'

/**
 * Marks a request DTO whose operation answers a `T` (ServiceStack's `IReturn<T>`). A type
 * only: declare the same with `@Returns(() => T)`.
 */
export interface IReturn<T> {}
/** Marks a request DTO whose operation answers no body; declare it with `@ReturnsVoid()`. */
export interface IReturnVoid {}
/** The operation's primary method is GET. */
export interface IGet {}
/** The operation's primary method is POST. */
export interface IPost {}
/** The operation's primary method is PUT. */
export interface IPut {}
/** The operation's primary method is PATCH. */
export interface IPatch {}
/** The operation's primary method is DELETE. */
export interface IDelete {}

/** The HTTP methods an operation can be declared for. */
export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The signed-in user, as a service sees them. */
export interface UserInfo {
  readonly id: number
  readonly userName: string
  readonly displayName?: string
  readonly roles: readonly string[]
  readonly permissions: readonly string[]
}

/** The server-side session behind a request's credentials. */
export interface SessionInfo {
  /** The session id, when the request presented it (a cookie or `X-ss-id`, not a token). */
  readonly id?: string
  readonly userId: number
  readonly isPermanent: boolean
  readonly createdAt: Date
  readonly expiresAt: Date
}

/** What a service method and a filter can reach besides the request DTO. */
export interface RequestContext<TDeps = unknown> {
  /** The fastify request, for headers, the client address and the raw URL. */
  readonly request: FastifyRequest
  /** The name of the operation being run. */
  readonly operation: string
  /** The negotiated response format (`json`, ...). */
  readonly format: string
  /** The session of the request's credentials, if they were valid. */
  readonly session?: SessionInfo
  /** The signed-in user, if any. */
  readonly user?: UserInfo
  /** The dependencies the application gave dtostack (its database, its configuration). */
  readonly deps: TDeps
}

/**
 * Runs before a service: may throw an `ApiError` to refuse the request, or return a
 * response (a DTO or an `HttpResult`) to answer it without calling the service.
 */
export type RequestFilterFn = (dto: object, ctx: RequestContext) => unknown

/** Runs after a service with its response; may return a replacement response. */
export type ResponseFilterFn = (response: unknown, dto: object, ctx: RequestContext) => unknown
