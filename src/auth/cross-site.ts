/**
 * Refuses cross-site requests that would act with a session cookie: a form post or a
 * `text/plain` fetch from another site's page carries the cookie but not a bearer token.
 */

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What the check looks at. */
export interface SiteCheck {
  readonly method: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly trustedOrigins: readonly string[]
}

/**
 * Whether a browser marks a state-changing request as coming from another site: its
 * `Origin` is neither this server's nor a trusted one, or `Sec-Fetch-Site` says
 * `cross-site`. Requests without either header (not from a browser) pass.
 */
export function isCrossSite(check: SiteCheck): boolean {
  if (safeMethods.has(check.method)) return false
  const origin = single(check.headers.origin)
  if (origin !== undefined) {
    if (check.trustedOrigins.includes(origin)) return false
    return !sameHost(origin, single(check.headers.host))
  }
  return single(check.headers['sec-fetch-site']) === 'cross-site'
}

// Whether an origin names this server's host (default ports compared as URLs do).
function sameHost(origin: string, host: string | undefined): boolean {
  if (origin === 'null' || !host) return false
  try {
    const from = new URL(origin)
    return from.host === new URL(`${from.protocol}//${host}`).host
  } catch {
    return false
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
