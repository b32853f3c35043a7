/** HTML, for people reading responses in a browser. */
import type { Format } from '../format'
import { serializeHtml } from './serialize'

/** The HTML format: chosen when a client prefers `text/html`. */
export const htmlFormat: Format = {
  name: 'html',
  contentType: 'text/html; charset=utf-8',
  mediaTypes: ['text/html'],
  serialize: serializeHtml,
}
