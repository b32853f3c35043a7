/**
 * The catalogue of wire-facing error codes and the HTTP status each one carries.
 *
 * Codes follow ServiceStack's `errorCode` values, so clients that branch on them keep
 * working. Field-level validation codes (`NotEmpty`, `Enum`, ...) are not listed here:
 * a validation failure is always a 400 whose top-level code is that of its first field.
 */
export const errorCodes = {
  // The request could not be read or bound to its DTO.
  BadRequest: 400,
  SerializationException: 400,
  // Credentials.
  Unauthorized: 401,
  Forbidden: 403,
  // Routing.
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  RequestTimeout: 408,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  TooManyRequests: 429,
  RequestHeaderFieldsTooLarge: 431,
  // Failures of the server.
  Exception: 500,
  ServiceUnavailable: 503,
} as const

/** A code of the catalogue. */
export type ErrorCode = keyof typeof errorCodes

/** Returns the status of a catalogued code, or `undefined` for any other code. */
export function statusOfCode(code: string): number | undefined {
  return Object.hasOwn(errorCodes, code) ? errorCodes[code as ErrorCode] : undefined
}

/** The code the catalogue uses for a status, for errors that arrive with only a status. */
export function codeOfStatus(status: number): string {
  for (const [code, value] of Object.entries(errorCodes)) {
    if (value === status) return code
  }
  return status >= 500 ? 'Exception' : 'BadRequest'
}
