/**
 * Writes DTOs as ServiceStack's JSON: camelCase keys from the model, nulls left out,
 * defaults kept, enums by value, instants as ISO-8601 (or WCF), durations as XSD.
 */
import type { TypeRef } from '../../registry/model'
import { allProperties } from '../../registry/type-utils'
import type { SerializeOptions } from '../format'
import { formatDuration, formatIsoDate, formatWcfDate } from '../values'

type Writer = (value: unknown, options: SerializeOptions) => unknown

const writers = new WeakMap<TypeRef, Writer>()

/** Writes a value of a model type as JSON text. */
export function serializeJson(value: unknown, type: TypeRef | undefined, options: SerializeOptions): string {
  const wire = type ? writerOf(type)(value, options) : toPlainJson(value)
  const text = JSON.stringify(wire ?? null)
  // WCF dates are written "\/Date(ms)\/"; `\/` is a legal escape of `/`, so the
  // replacement never changes what any string decodes to.
  return options.dateStyle === 'wcf' ? text.replaceAll('"/Date(', '"\\/Date(').replaceAll(')/"', ')\\/"') : text
}

/** The JSON-ready value of a model type (exported for formats that embed JSON). */
export function toJsonValue(value: unknown, type: TypeRef | undefined, options: SerializeOptions): unknown {
  return type ? writerOf(type)(value, options) : toPlainJson(value)
}

function writerOf(type: TypeRef): Writer {
  let writer = writers.get(type)
  if (!writer) {
    writer = createWriter(type)
    writers.set(type, writer)
  }
  return writer
}

function createWriter(type: TypeRef): Writer {
  switch (type.kind) {
    case 'primitive':
      return primitiveWriter(type.name)
    case 'enum': {
      const byName = new Map(type.type.members.map((m) => [m.name, m.value]))
      return (value) => (typeof value === 'string' && type.type.isNumeric ? byName.get(value) ?? value : value)
    }
    case 'nullable':
      return writerOf(type.inner)
    case 'list': {
      const item = writerOf(type.item)
      return (value, options) =>
        isIterable(value) ? Array.from(value, (v) => (v == null ? null : item(v, options))) : toPlainJson(value)
    }
    case 'map': {
      const item = writerOf(type.value)
      return (value, options) => writeMap(value, item, options)
    }
    case 'class':
      return classWriter(type)
    case 'param':
      return (value) => toPlainJson(value)
  }
}

function classWriter(type: Extract<TypeRef, { kind: 'class' }>): Writer {
  let fields: Array<{ key: string; name: string; write: Writer; skipDefault: boolean }> | undefined
  return (value, options) => {
    if (typeof value !== 'object' || value === null) return toPlainJson(value)
    fields ??= allProperties(type).map((p) => ({
      key: p.model.key,
      name: p.model.jsonName,
      write: writerOf(p.type),
      skipDefault: !p.model.emitDefaultValue,
    }))
    const out: Record<string, unknown> = {}
    const source = value as Record<string, unknown>
    for (const field of fields) {
      const raw = source[field.key]
      if (raw === undefined || raw === null) continue
      if (field.skipDefault && isDefaultValue(raw)) continue
      const written = field.write(raw, options)
      if (written !== undefined) out[field.name] = written
    }
    return out
  }
}

function primitiveWriter(name: string): Writer {
  switch (name) {
    case 'DateTime':
      return (value, options) => writeDate(value, options)
    case 'TimeSpan':
      return (value) => (typeof value === 'number' ? formatDuration(value) : value)
    case 'byte[]':
      return (value) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value)
    case 'int':
    case 'long':
    case 'double':
    case 'decimal':
      return writeNumber
    default:
      return (value) => value
  }
}

function writeNumber(value: unknown): unknown {
  if (typeof value === 'bigint') return bigintValue(value)
  // JSON has no NaN or Infinity; writing null instead would lose the value silently.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`${value} cannot be written as JSON`)
  }
  return value
}

function writeDate(value: unknown, options: SerializeOptions): unknown {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : undefined
  if (!date) return value
  if (Number.isNaN(date.getTime())) throw new RangeError('an invalid Date cannot be written')
  return options.dateStyle === 'wcf' ? formatWcfDate(date) : formatIsoDate(date)
}

function writeMap(value: unknown, item: Writer, options: SerializeOptions): unknown {
  if (typeof value !== 'object' || value === null) return toPlainJson(value)
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value)
  const out: Record<string, unknown> = {}
  for (const [key, v] of entries) {
    if (v === undefined || v === null) continue
    Object.defineProperty(out, String(key), {
      value: item(v, options),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

function isDefaultValue(value: unknown): boolean {
  return value === 0 || value === false || value === ''
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return Array.isArray(value) || value instanceof Set
}

function bigintValue(value: bigint): number | string {
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : value.toString()
}

/** JSON for values the model does not describe: dates ISO, bytes base64, at any depth. */
export function toPlainJson(value: unknown): unknown {
  if (value instanceof Date) return formatIsoDate(value)
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (typeof value === 'bigint') return bigintValue(value)
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toPlainJson(v)]))
  if (Array.isArray(value) || value instanceof Set) return Array.from(value, toPlainJson)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && typeof v !== 'function')
        .map(([k, v]) => [k, toPlainJson(v)]),
    )
  }
  return value
}
