import { ApiError, type FieldError } from './api-error'
import { codeOfStatus } from './codes'

/** ServiceStack's `ResponseStatus`, the error body every client understands. */
export interface ResponseStatusBody {
  errorCode: string
  message: string
  stackTrace?: string
  errors: FieldError[]
  meta?: Record<string, string>
}

/** What a thrown value becomes on the wire. */
export interface ErrorReply {
  status: number
  headers: Readonly<Record<string, string>>
  responseStatus: ResponseStatusBody
  /** The error as thrown, for the log. */
  cause: unknown
}

/** Options of {@link toResponseStatus}. */
export interface ToResponseStatusOptions {
  /** Show real messages and stack traces of unexpected errors. */
  debug?: boolean
}

/**
 * Turns anything thrown into the status, headers and `ResponseStatus` to answer.
 *
 * An {@link ApiError} is answered as it says. An error that carries a 4xx `statusCode`
 * (fastify's own request errors) keeps its status and message. Anything else is a 500
 * whose message is generic unless debug mode is on, so nothing internal leaks.
 */
export function toResponseStatus(thrown: unknown, options: ToResponseStatusOptions = {}): ErrorReply {
  const error = toApiError(thrown, options)
  const responseStatus: ResponseStatusBody = {
    errorCode: writable(error.errorCode),
    message: writable(error.message),
    errors: error.fieldErrors.map(copyFieldError),
  }
  if (options.debug && thrown instanceof Error && thrown.stack) {
    responseStatus.stackTrace = writable(thrown.stack)
  }
  if (error.meta) responseStatus.meta = copyMeta(error.meta)
  return { status: error.status, headers: error.headers, responseStatus, cause: thrown }
}

/** Normalises anything thrown to an {@link ApiError}. */
export function toApiError(thrown: unknown, options: ToResponseStatusOptions = {}): ApiError {
  if (thrown instanceof ApiError) return thrown
  const status = statusCodeOf(thrown)
  if (status !== undefined && status >= 400 && status < 500) {
    const message = thrown instanceof Error && thrown.message ? thrown.message : codeOfStatus(status)
    return new ApiError(codeOfStatus(status), message, { status, cause: thrown })
  }
  if (options.debug && thrown instanceof Error) {
    return new ApiError(thrown.name || 'Exception', thrown.message, { status: 500, cause: thrown })
  }
  return new ApiError('Exception', 'An unexpected error occurred', { status: 500, cause: thrown })
}

function statusCodeOf(thrown: unknown): number | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined
  const status = (thrown as { statusCode?: unknown }).statusCode
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined
}

function copyFieldError(error: FieldError): FieldError {
  const copy: FieldError = {
    errorCode: writable(error.errorCode),
    fieldName: writable(error.fieldName),
    message: writable(error.message),
  }
  if (error.meta) copy.meta = copyMeta(error.meta)
  return copy
}

function copyMeta(meta: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {}
  for (const [key, value] of Object.entries(meta)) copy[writable(key)] = writable(value)
  return copy
}

// Control characters (but tab and line breaks), U+FFFE, U+FFFF and lone surrogates, which
// XML cannot hold and UTF-8 cannot carry.
const unwritable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const unwritableAll = new RegExp(unwritable.source, 'g')

// Messages quote what the client sent (a content type, a map key, an enum value): the
// characters no format can answer become U+FFFD, so the error is written in every format.
function writable(text: string): string {
  return unwritable.test(text) ? text.replace(unwritableAll, '\ufffd') : text
}
