/**
 * Request and response cookies, read and written with the `cookie` library at the point
 * they are needed, so that requests that carry or set none pay nothing for them.
 */
import { parseCookie, parseSetCookie, stringifySetCookie } from 'cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ResponseCookie } from '../contract/http-result'

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's cookies, read on first use by dtostack (or by `@fastify/cookie`). */
    cookies: { [cookieName: string]: string | undefined }
  }
}

/**
 * The request's cookies, parsed on first use and kept as `request.cookies`, where filters
 * and services find them too (an application that registers `@fastify/cookie` parses them
 * first).
 */
export function requestCookies(request: FastifyRequest): Record<string, string | undefined> {
  if (request.cookies) return request.cookies
  const header = request.headers.cookie
  request.cookies = header ? parseCookie(header) : {}
  return request.cookies
}

/** What a reply's cookies are written with: the application's defaults. */
export interface CookieDefaults {
  readonly secure: boolean
}

/**
 * Adds a `Set-Cookie` header, HttpOnly and SameSite=Lax unless the cookie says otherwise.
 * A cookie set again in the same reply (same name, domain and path) replaces the earlier.
 */
export function setResponseCookie(reply: FastifyReply, cookie: ResponseCookie, defaults: CookieDefaults): void {
  const options = cookie.options ?? {}
  const written = stringifySetCookie({
    name: cookie.name,
    value: cookie.value,
    path: options.path ?? '/',
    domain: options.domain,
    httpOnly: options.httpOnly ?? true,
    secure: options.secure ?? defaults.secure,
    sameSite: options.sameSite ?? 'lax',
    maxAge: options.maxAge,
  })
  const earlier = reply.getHeader('set-cookie')
  if (earlier === undefined) {
    reply.header('set-cookie', written)
    return
  }
  const key = cookieKey(written)
  const kept = (Array.isArray(earlier) ? earlier : [String(earlier)]).filter((line) => cookieKey(line) !== key)
  reply.removeHeader('set-cookie')
  reply.header('set-cookie', [...kept, written])
}

function cookieKey(line: string): string {
  const cookie = parseSetCookie(line)
  return `${cookie.name};${cookie.domain?.toLowerCase() ?? ''};${cookie.path ?? '/'}`
}
