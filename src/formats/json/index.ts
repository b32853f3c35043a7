/** JSON, the default format. */
import type { Format } from '../format'
import { parseJson } from './parse'
import { serializeJson } from './serialize'

export { toJsonValue } from './serialize'

/** The JSON format: `application/json; charset=utf-8`. */
export const jsonFormat: Format = {
  name: 'json',
  contentType: 'application/json; charset=utf-8',
  mediaTypes: ['application/json', 'text/json'],
  serialize: serializeJson,
  parse: parseJson,
}
