/**
 * Writes DTOs as JSV, ServiceStack's JSON without quotes: `{name:Bob,tags:[a,b]}`. A string
 * is quoted only when it holds a character JSV gives meaning to, its quotes doubled.
 */
import type { ClassRef, TypeRef } from '../../registry/model'
import { allProperties } from '../../registry/type-utils'
import type { SerializeOptions } from '../format'
import { toJsonValue } from '../json'

/** Writes a value of a model type as JSV. */
export function serializeJsv(value: unknown, type: TypeRef | undefined, options: SerializeOptions): string {
  // The JSON writer knows the model (names, enums, durations); JSV differs only in the
  // text of the tree it builds and in how instants are written.
  return writeJsv(toJsonValue(value, type, { ...options, dateStyle: 'iso8601' }), type)
}

/** JSV text of a JSON-ready tree (a null is written as nothing); `type` tells which strings are instants. */
export function writeJsv(value: unknown, type?: TypeRef): string {
  if (value === null || value === undefined) return ''
  const shape = type?.kind === 'nullable' ? type.inner : type
  if (Array.isArray(value)) {
    const item = shape?.kind === 'list' ? shape.item : undefined
    return `[${value.map((v) => writeJsv(v, item)).join(',')}]`
  }
  if (typeof value === 'object') {
    const members = memberTypes(shape)
    const parts: string[] = []
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      if (member !== null && member !== undefined) parts.push(`${quote(key)}:${writeJsv(member, members(key))}`)
    }
    return `{${parts.join(',')}}`
  }
  if (typeof value === 'string') {
    return shape?.kind === 'primitive' && shape.name === 'DateTime' ? shortDate(value) : quote(value)
  }
  return String(value)
}

/**
 * JSV laid out for reading, as metadata pages show samples: one member per line, a tab
 * more per level, nested objects and lists starting on the line after their key, and
 * booleans capitalised (`False`) as ServiceStack's pages write them.
 */
export function writeJsvIndented(value: unknown, type?: TypeRef, depth = 0): string {
  const shape = type?.kind === 'nullable' ? type.inner : type
  const pad = '\t'.repeat(depth + 1)
  const close = '\t'.repeat(depth)
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const item = shape?.kind === 'list' ? shape.item : undefined
    return `[\n${value.map((v) => pad + writeJsvIndented(v, item, depth + 1)).join(',\n')}\n${close}]`
  }
  if (typeof value === 'object' && value !== null) {
    const members = memberTypes(shape)
    const lines: string[] = []
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      if (member === null || member === undefined) continue
      const text = writeJsvIndented(member, members(key), depth + 1)
      const nested = typeof member === 'object' && text !== '[]' && text !== '{}'
      lines.push(nested ? `${pad}${quote(key)}: \n${pad}${text}` : `${pad}${quote(key)}: ${text}`)
    }
    return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n${close}}`
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return writeJsv(value, shape)
}

const byJsonName = new WeakMap<ClassRef, ReadonlyMap<string, TypeRef>>()

function memberTypes(type: TypeRef | undefined): (key: string) => TypeRef | undefined {
  if (type?.kind === 'map') return () => type.value
  if (type?.kind !== 'class') return () => undefined
  let names = byJsonName.get(type)
  if (!names) {
    names = new Map(allProperties(type).map((p) => [p.model.jsonName, p.type]))
    byJsonName.set(type, names)
  }
  return (key) => names.get(key)
}

// JSV writes an instant in its shortest form: the date alone at midnight UTC.
function shortDate(iso: string): string {
  return iso.endsWith('T00:00:00Z') ? iso.slice(0, 10) : iso
}

const special = /[",:{}[\]\r\n]/

/** Quotes a JSV string when it needs it (and always when it is empty). */
export function quote(text: string): string {
  if (text === '') return '""'
  return special.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}
