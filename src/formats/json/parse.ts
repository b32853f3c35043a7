/** Reads JSON request bodies, refusing prototype-poisoning keys. */
import secureJson from 'secure-json-parse'
import { ApiError } from '../../errors/api-error'
import type { ParsedBody } from '../format'

/** Parses JSON text; an empty body is an empty request. */
export function parseJson(text: string): ParsedBody {
  if (!/\S/.test(text)) return { value: undefined, textual: false }
  try {
    const value: unknown = secureJson.parse(text, undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    })
    return { value, textual: false }
  } catch (cause) {
    const poisoned = cause instanceof SyntaxError && /prototype|constructor/i.test(cause.message)
    const message = poisoned
      ? 'The JSON body holds a forbidden key (__proto__ or constructor.prototype)'
      : 'The request body is not valid JSON'
    throw new ApiError('SerializationException', message, { cause })
  }
}
