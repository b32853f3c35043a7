/**
 * Request and response cookies, read and written with the `cookie` library at the point
 * they are needed, so that requests that carry or set none pay nothing for them.
 */
import type * as Cookie from 'cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ResponseCookie } from '../contract/http-result'

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's cookies, read on first use by dtostack (or by `@fastify/cookie`). */
    cookies: { [cookieName: string]: string | undefined }
  }
}

let library: typeof Cookie | undefined

/**
 * Loads the `cookie` library, an ES module: imported rather than required, as Node 20
 * warns of requiring one. The plugin awaits this when it is registered.
 */
export async function loadCookieLibrary(): Promise<void> {
  library ??= await import('cookie')
}

function cookieLibrary(): typeof Cookie {
  if (!library) throw new Error('the cookie library is read only once the dtostack plugin is registered')
  return library
}

/**
 * The request's cookies, parsed on first use and kept as `request.cookies`, where filters
 * and services find them too (an application that registers `@fastify/cookie` parses them
 * first).
 */
export function requestCookies(request: FastifyRequest): Record<string, string | undefined> {
  if (request.cookies) return request.cookies
  const header = request.headers.cookie
  request.cookies = header ? cookieLibrary().parseCookie(header) : {}
  return request.cookies
}

/** What a reply's cookies are written with: the application's defaults. */
export interface CookieDefaults {
  readonly secure: boolean
}

/**
 * The `Set-Cookie` lines of cookies, HttpOnly and SameSite=Lax unless a cookie says
 * otherwise; throws when one cannot be written, before any is set.
 */
export function setCookieLines(cookies: readonly ResponseCookie[], defaults: CookieDefaults): string[] {
  return cookies.map((cookie) => setCookieLine(cookie, defaults))
}

/**
 * Adds `Set-Cookie` lines to a reply. A cookie set again in the same reply (same name,
 * domain and path) replaces the earlier one.
 */
export function addSetCookieLines(reply: FastifyReply, written: readonly string[]): void {
  if (written.length === 0) return
  const earlier = reply.getHeader('set-cookie')
  const lines = new Map<string, string>()
  for (const line of [...(earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [String(earlier)]), ...written]) {
    const key = cookieKey(line)
    // Deleted first, so that the line set last also comes last.
    lines.delete(key)
    lines.set(key, line)
  }
  reply.removeHeader('set-cookie')
  reply.header('set-cookie', [...lines.values()])
}

function setCookieLine(cookie: ResponseCookie, defaults: CookieDefaults): string {
  const options = cookie.options ?? {}
  return cookieLibrary().stringifySetCookie({
    name: cookie.name,
    value: cookie.value,
    path: options.path ?? '/',
    domain: options.domain,
    httpOnly: options.httpOnly ?? true,
    secure: options.secure ?? defaults.secure,
    sameSite: options.sameSite ?? 'lax',
    maxAge: options.maxAge,
  })
}

function cookieKey(line: string): string {
  const parsed = cookieLibrary().parseSetCookie(line)
  return `${parsed.name};${parsed.domain?.toLowerCase() ?? ''};${parsed.path ?? '/'}`
}
