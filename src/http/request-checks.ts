/**
 * Checks of a request's head that hold on every dtostack route. The dispatcher runs them
 * first; a request that names no content coding has had its body read by then (under the
 * body limit), one that names one is checked before its body is read or decompressed.
 */
import type { FastifyRequest } from 'fastify'
import { ApiError } from '../errors/api-error'
import { assertPercentEncoding } from './read-body'

/** Refuses a repeated single-valued header, or a query string that is not valid percent-encoding. */
export function assertSoundRequest(request: FastifyRequest): void {
  assertSingleHeaders(request.raw.rawHeaders)
  const query = request.url.indexOf('?')
  if (query >= 0) assertPercentEncoding(request.url.slice(query + 1), 'query string')
}

// Node keeps the first of a repeated single-valued header and drops the others silently,
// while a proxy in front may have acted on the last: such a request is refused (RFC 9112
// section 3.2 for Host, RFC 9110 section 5.3 for the rest).
const singleHeaders: Readonly<Record<string, number>> = { host: 1, 'content-type': 2, 'content-length': 4, authorization: 8 }
const singleHeaderLengths = new Set(Object.keys(singleHeaders).map((name) => name.length))

function assertSingleHeaders(raw: readonly string[]): void {
  let seen = 0
  for (let i = 0; i < raw.length; i += 2) {
    // Only names as long as one of the four are lowered and looked up: most are not.
    if (!singleHeaderLengths.has(raw[i]!.length)) continue
    const name = raw[i]!.toLowerCase()
    const bit = Object.hasOwn(singleHeaders, name) ? singleHeaders[name]! : 0
    if (seen & bit) throw ApiError.badRequest(`The header '${name}' is given more than once`)
    seen |= bit
  }
}
