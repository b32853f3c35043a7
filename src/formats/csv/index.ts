/** CSV, for responses only. */
import type { Format } from '../format'
import { serializeCsv } from './serialize'

/** The CSV format: `text/csv`, downloaded as `{Operation}.csv`. */
export const csvFormat: Format = {
  name: 'csv',
  contentType: 'text/csv',
  mediaTypes: ['text/csv'],
  serialize: serializeCsv,
  headers: (operation) => ({ 'Content-Disposition': `attachment;filename="${operation}.csv"` }),
}
