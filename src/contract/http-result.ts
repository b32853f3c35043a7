/** A response with the status, headers and cookies a service chooses. */

/** Attributes of a cookie a service sets. */
export interface CookieOptions {
  /** Lifetime in seconds; absent for a cookie that ends with the browser session. */
  readonly maxAge?: number
  /** @default '/' */
  readonly path?: string
  readonly domain?: string
  /** @default true */
  readonly httpOnly?: boolean
  readonly secure?: boolean
  /** @default 'lax' */
  readonly sameSite?: 'lax' | 'strict' | 'none'
}

/** A cookie to set on the response. */
export interface ResponseCookie {
  readonly name: string
  readonly value: string
  readonly options?: CookieOptions
}

/** What an {@link HttpResult} adds to its response. */
export interface HttpResultInit {
  /** @default 200, or 204 when there is no response */
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly cookies?: readonly ResponseCookie[]
  /** Names of cookies to delete. */
  readonly clearCookies?: readonly string[]
}

/**
 * Wraps a response DTO with a status, headers or cookies. Return it from a service (or a
 * filter) instead of the plain DTO.
 *
 * @example
 * return new HttpResult(info, { status: 201, headers: { Location: `/app/tokens/${token}` } })
 */
export class HttpResult<T = unknown> {
  constructor(
    readonly response: T | undefined,
    readonly init: HttpResultInit = {},
  ) {}
}
