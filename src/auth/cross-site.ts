/**
 * Refuses cross-site requests that would act with a session cookie: a form post or a
 * `text/plain` fetch from another site's page carries the cookie but not a bearer token.
 */

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What the check looks at. */
export interface SiteCheck {
  readonly method: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** `http` or `https`: the scheme this server is reached with. */
  readonly protocol: string
  readonly trustedOrigins: readonly string[]
  /** Check even a GET (served by an `any` handler, which may change state). */
  readonly unsafe?: boolean
}

/**
 * Whether a browser marks a state-changing request as coming from another site: its
 * `Origin` is neither this server's nor a trusted one, or `Sec-Fetch-Site` says
 * `cross-site`. Requests without either header (not from a browser) pass.
 */
export function isCrossSite(check: SiteCheck): boolean {
  if (safeMethods.has(check.method) && !check.unsafe) return false
  const origin = single(check.headers.origin)
  if (origin !== undefined) {
    if (check.trustedOrigins.includes(origin)) return false
    return !sameOrigin(origin, `${check.protocol}://${single(check.headers.host) ?? ''}`)
  }
  return single(check.headers['sec-fetch-site']) === 'cross-site'
}

// Scheme, host and port, default ports compared as URLs compare them.
function sameOrigin(origin: string, own: string): boolean {
  if (origin === 'null') return false
  try {
    return new URL(origin).origin === new URL(own).origin
  } catch {
    return false
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
