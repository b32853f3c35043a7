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
  const text = type ? textWriterOf(type)(value, options) ?? 'null' : JSON.stringify(toPlainJson(value) ?? null)
  // WCF dates are written "\/Date(ms)\/"; `\/` is a legal escape of `/`, so the
  // replacement never changes what any string decodes to.
  return options.dateStyle === 'wcf' ? text.replaceAll('"/Date(', '"\\/Date(').replaceAll(')/"', ')\\/"') : text
}

/** The JSON-ready value of a model type (exported for formats that embed JSON). */
export function toJsonValue(value: unknown, type: TypeRef | undefined, options: SerializeOptions): unknown {
  return type ? writerOf(type)(value, options) : toPlainJson(value)
}

/**
 * Writes JSON text straight from a value, without the JSON-ready copy: members of the
 * expected JavaScript type take a fast path; anything else is written by the general
 * writer, so the text is always what `JSON.stringify(toJsonValue(...))` gives. Answers
 * undefined where that would leave the member out.
 */
type TextWriter = (value: unknown, options: SerializeOptions) => string | undefined

const textWriters = new WeakMap<TypeRef, TextWriter>()

function textWriterOf(type: TypeRef): TextWriter {
  let writer = textWriters.get(type)
  if (!writer) {
    // Set before it is built, so that a class nested in itself finds its own writer.
    textWriters.set(type, (value, options) => writer!(value, options))
    writer = createTextWriter(type)
    textWriters.set(type, writer)
  }
  return writer
}

function createTextWriter(type: TypeRef): TextWriter {
  const general: TextWriter = (value, options) => JSON.stringify(writerOf(type)(value, options))
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'string':
        case 'Guid':
          return (value, options) => (typeof value === 'string' ? quoteJson(value) : general(value, options))
        case 'int':
        case 'long':
        case 'double':
        case 'decimal':
          return (value, options) => (typeof value === 'number' && Number.isFinite(value) ? `${value}` : general(value, options))
        case 'bool':
          return (value, options) => (typeof value === 'boolean' ? (value ? 'true' : 'false') : general(value, options))
        default:
          return general
      }
    case 'enum':
      return type.type.isNumeric
        ? general
        : (value, options) => (typeof value === 'string' ? quoteJson(value) : general(value, options))
    case 'nullable':
      return textWriterOf(type.inner)
    case 'list': {
      const item = textWriterOf(type.item)
      return (value, options) => {
        if (!Array.isArray(value)) return general(value, options)
        let text = '['
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i]
          text += (i > 0 ? ',' : '') + (v === null || v === undefined ? 'null' : item(v, options) ?? 'null')
        }
        return text + ']'
      }
    }
    case 'class':
      return classTextWriter(type) ?? general
    default:
      return general
  }
}

// A JSON string: quoted as it is unless it holds a character JSON escapes.
function quoteJson(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text)
  }
  return `"${text}"`
}

// Members in model order; classes whose JSON object would order or merge keys differently
// (integer-like or repeated names) keep the general writer.
function classTextWriter(type: Extract<TypeRef, { kind: 'class' }>): TextWriter | undefined {
  const properties = allProperties(type)
  const names = properties.map((p) => p.model.jsonName)
  if (new Set(names).size !== names.length || names.some((n) => /^(?:0|[1-9]\d*)$/.test(n))) return undefined
  const fields = properties.map((p) => ({
    key: p.model.key,
    prefix: `${JSON.stringify(p.model.jsonName)}:`,
    write: textWriterOf(p.type),
    skipDefault: !p.model.emitDefaultValue,
  }))
  return (value, options) => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(toPlainJson(value))
    const source = value as Record<string, unknown>
    let text = ''
    for (const field of fields) {
      const raw = source[field.key]
      if (raw === undefined || raw === null) continue
      if (field.skipDefault && isDefaultValue(raw)) continue
      const written = field.write(raw, options)
      if (written !== undefined) text += (text === '' ? '' : ',') + field.prefix + written
    }
    return `{${text}}`
  }
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
