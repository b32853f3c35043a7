/** XML as DataContractSerializer writes and reads it. */
import type { Format } from '../format'
import { parseXml } from './parse'
import { serializeXml } from './serialize'

/** The XML format: `application/xml`. */
export const xmlFormat: Format = {
  name: 'xml',
  contentType: 'application/xml',
  mediaTypes: ['application/xml', 'text/xml'],
  serialize: (value, type) => serializeXml(value, type),
  sample: (value, type) => serializeXml(value, type, { indent: true }),
  parse: (text, type, options) => parseXml(text, type, { strictNamespace: options.strictXml, maxDepth: options.maxDepth }),
}
