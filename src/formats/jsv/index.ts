/** JSV, ServiceStack's compact text format. */
import type { Format } from '../format'
import { parseJsvBody } from './parse'
import { serializeJsv, writeJsvIndented } from './serialize'
import { toJsonValue } from '../json'

export { parseJsv } from './parse'
export { writeJsv } from './serialize'

/** The JSV format: `application/jsv`. */
export const jsvFormat: Format = {
  name: 'jsv',
  contentType: 'application/jsv',
  mediaTypes: ['application/jsv', 'text/jsv'],
  sampleMediaType: 'text/jsv',
  serialize: serializeJsv,
  sample: (value, type, options) => writeJsvIndented(toJsonValue(value, type, { ...options, dateStyle: 'iso8601' }), type),
  parse: (text, _type, options) => parseJsvBody(text, options.maxDepth),
}
