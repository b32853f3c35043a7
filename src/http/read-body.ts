/**
 * Reads a request body by its normalised content type: forms as form fields, everything
 * else with the format it names. Pre-defined routes read their own format whatever the
 * content type says (forms excepted), as ServiceStack's clients rely on.
 */
import querystring from 'fast-querystring'
import { ApiError } from '../errors/api-error'
import type { Format, ParsedBody } from '../formats/format'
import { parseMediaType } from './media-type'
import type { FormatTable } from './negotiate'

/** The body sources a request DTO is bound from. */
export interface BodySources {
  readonly body?: ParsedBody
  readonly form?: Readonly<Record<string, string | string[]>>
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const formType = 'application/x-www-form-urlencoded'

/** Parses a body; `routeFormat` is the format of a pre-defined route. */
export function readBody(
  bytes: Buffer | undefined,
  contentType: string | undefined,
  options: { formats: FormatTable; routeFormat?: Format },
): BodySources {
  if (!bytes || bytes.length === 0) return {}
  const media = contentType === undefined || contentType.trim() === '' ? undefined : parseMediaType(contentType)
  if (contentType !== undefined && contentType.trim() !== '' && !media) {
    throw new ApiError('UnsupportedMediaType', `Content-Type '${contentType.slice(0, 100)}' is malformed`)
  }
  const charset = media?.params.charset?.toLowerCase()
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError('UnsupportedMediaType', `Charset '${charset}' is not supported: send UTF-8`)
  }
  const text = decode(bytes)
  if (media?.essence === formType) return { form: querystring.parse(text) as Record<string, string | string[]> }
  const format = options.routeFormat ?? (media ? options.formats.forMediaType(media.essence) : undefined)
  if (!format?.parse) {
    const message = media
      ? `Content-Type '${media.essence}' is not supported here`
      : 'A request body needs a Content-Type'
    throw new ApiError('UnsupportedMediaType', message)
  }
  return { body: format.parse(text) }
}

function decode(bytes: Buffer): string {
  try {
    return decoder.decode(bytes)
  } catch (cause) {
    throw new ApiError('BadRequest', 'The request body is not valid UTF-8', { cause })
  }
}
