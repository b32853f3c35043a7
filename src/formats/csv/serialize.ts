/**
 * Writes responses as CSV (RFC 4180): a response holding a list of objects becomes a
 * header row and one row per item; any other object one row. Columns follow the model,
 * headers are the PascalCase member names, nested values are written as JSV.
 */
import type { ClassRef, TypeRef } from '../../registry/model'
import { allProperties } from '../../registry/type-utils'
import type { SerializeOptions } from '../format'
import { toJsonValue } from '../json'
import { writeJsv } from '../jsv'

interface Column {
  readonly header: string
  /** The member; absent for rows that are plain values. */
  readonly key?: string
  readonly type?: TypeRef
}

/** Writes a value of a model type as CSV. */
export function serializeCsv(value: unknown, type: TypeRef | undefined, options: SerializeOptions): string {
  const tree = toJsonValue(value, type, { ...options, dateStyle: 'iso8601' })
  const { rows, itemType } = rowsOf(tree, type)
  const columns = columnsOf(rows, itemType)
  const lines = [columns.map((c) => field(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => field(cell(row, c))).join(','))
  return lines.join('\r\n') + '\r\n'
}

// The rows a response stands for: the items of its first list of objects, the items of a
// list response, the status of an error, or the object itself.
function rowsOf(tree: unknown, type: TypeRef | undefined): { rows: unknown[]; itemType?: TypeRef } {
  const shape = type?.kind === 'nullable' ? type.inner : type
  if (Array.isArray(tree)) return { rows: tree, itemType: shape?.kind === 'list' ? shape.item : undefined }
  if (shape?.kind === 'class' && typeof tree === 'object' && tree !== null) {
    const record = tree as Record<string, unknown>
    for (const property of allProperties(shape)) {
      const list = property.type.kind === 'list' ? property.type : undefined
      if (list?.item.kind === 'class' && Array.isArray(record[property.model.jsonName])) {
        return { rows: record[property.model.jsonName] as unknown[], itemType: list.item }
      }
    }
    const status = allProperties(shape).find((p) => p.model.key === 'responseStatus')
    if (status && record.responseStatus && Object.keys(record).length === 1) {
      return { rows: [record.responseStatus], itemType: status.type }
    }
  }
  return { rows: [tree], itemType: shape }
}

function columnsOf(rows: readonly unknown[], type: TypeRef | undefined): Column[] {
  if (type?.kind === 'class') {
    return allProperties(type as ClassRef).map((p) => ({ header: p.model.name, key: p.model.jsonName, type: p.type }))
  }
  const keys = new Set<string>()
  for (const row of rows) {
    if (typeof row === 'object' && row !== null && !Array.isArray(row)) Object.keys(row).forEach((k) => keys.add(k))
  }
  if (keys.size === 0) return [{ header: 'Value' }]
  return [...keys].map((key) => ({ header: key.charAt(0).toUpperCase() + key.slice(1), key }))
}

function cell(row: unknown, column: Column): string {
  const value = column.key === undefined ? row : (row as Record<string, unknown> | null)?.[column.key]
  if (value === undefined || value === null) return ''
  if (typeof value === 'object') return writeJsv(value, column.type)
  return String(value)
}

// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
function field(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}
