/** JSV, ServiceStack's compact text format. */
import type { Format } from '../format'
import { parseJsvBody } from './parse'
import { serializeJsv } from './serialize'

export { parseJsv } from './parse'
export { writeJsv } from './serialize'

/** The JSV format: `application/jsv`. */
export const jsvFormat: Format = {
  name: 'jsv',
  contentType: 'application/jsv',
  mediaTypes: ['application/jsv', 'text/jsv'],
  serialize: serializeJsv,
  parse: parseJsvBody,
}
