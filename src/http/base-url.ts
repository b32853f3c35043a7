/** The address a request reached the server at, for generated files and documents to name. */
import type { FastifyRequest } from 'fastify'

/** `http://host:port` of a request, with the path the API is served under; `localhost` without a Host. */
export function baseUrlOf(request: FastifyRequest, prefix = ''): string {
  return `${request.protocol}://${request.host || 'localhost'}${prefix}`
}
