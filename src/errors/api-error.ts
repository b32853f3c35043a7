import { statusOfCode } from './codes'

/** One failing field of a request, as ServiceStack's `ResponseError` carries it. */
export interface FieldError {
  /** The validator or binding code, e.g. `NotEmpty` or `SerializationException`. */
  errorCode: string
  /** The PascalCase field name, with a path for nested values (`Lines[0].Sku`). */
  fieldName: string
  /** A sentence safe to show to an end user. */
  message: string
  /** Informational values (the validator's arguments); strings only. */
  meta?: Record<string, string>
}

/** Options of {@link ApiError} beyond its code and message. */
export interface ApiErrorOptions {
  /** The HTTP status; defaults to the catalogue's status for the code, else 500. */
  status?: number
  /** The failing fields, answered in `responseStatus.errors`. */
  fieldErrors?: readonly FieldError[]
  /** Headers to send with the error (`Retry-After`, `Allow`, `WWW-Authenticate`). */
  headers?: Record<string, string>
  /** Informational values answered in `responseStatus.meta`. */
  meta?: Record<string, string>
  /** The error behind this one; logged, never sent outside debug mode. */
  cause?: unknown
}

/**
 * The one error type thrown while a request runs, by services and by the framework.
 *
 * It becomes a ServiceStack `ResponseStatus` in the negotiated format: `errorCode`,
 * `message` and one `errors[]` entry per field error. Its message is shown to clients, so
 * it must never carry SQL, file paths or stack details.
 *
 * @example
 * throw ApiError.notFound(`Device token '${token}' does not exist`)
 * throw new ApiError('TokenLimit', 'Too many device tokens', { status: 409 })
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly errorCode: string
  readonly fieldErrors: readonly FieldError[]
  readonly headers: Readonly<Record<string, string>>
  readonly meta?: Readonly<Record<string, string>>

  constructor(errorCode: string, message: string, options: ApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.errorCode = errorCode
    this.status = options.status ?? statusOfCode(errorCode) ?? 500
    this.fieldErrors = options.fieldErrors ?? []
    this.headers = options.headers ?? {}
    this.meta = options.meta
  }

  /** 400 `BadRequest`, optionally with field errors. */
  static badRequest(message: string, fieldErrors?: readonly FieldError[]): ApiError {
    return new ApiError('BadRequest', message, { fieldErrors })
  }

  /** 401 `Unauthorized`: the request carries no valid credentials. */
  static unauthorized(message = 'Not Authenticated'): ApiError {
    return new ApiError('Unauthorized', message)
  }

  /** 403 `Forbidden`: the credentials are valid but not sufficient. */
  static forbidden(message = 'Forbidden'): ApiError {
    return new ApiError('Forbidden', message)
  }

  /** 404 `NotFound`. */
  static notFound(message = 'Not Found'): ApiError {
    return new ApiError('NotFound', message)
  }

  /** 409 `Conflict`. */
  static conflict(message: string): ApiError {
    return new ApiError('Conflict', message)
  }
}
