/**
 * Converts read values to the model's types: typed JSON values strictly (a number where a
 * string is declared is an error, never silently dropped), text from query strings, forms,
 * XML and JSV by coercion. Only declared properties are copied, into fresh instances.
 */
import { ApiError, type FieldError } from '../errors/api-error'
import { nestingBound } from '../formats/format'
import { parseJsv } from '../formats/jsv'
import {
  integerBounds,
  parseBase64,
  parseBoolean,
  parseDate,
  parseDuration,
  parseGuid,
  parseInteger,
  parseNumber,
} from '../formats/values'
import type { ClassRef, EnumModel, PrimitiveName, TypeRef } from '../registry/model'
import { propertyLookup } from '../registry/type-utils'

/** Limits that keep conversion bounded whatever the input. */
export interface ConvertLimits {
  /** How deep objects and lists may nest. */
  readonly maxDepth: number
  /** How many field errors are collected before giving up. */
  readonly maxErrors: number
  /** How many characters a string value may hold. */
  readonly maxStringLength: number
}

/** The limits a server converts with unless its options say otherwise. */
export const defaultConvertLimits: ConvertLimits = { maxDepth: 64, maxErrors: 100, maxStringLength: 65_536 }

/** Collects field errors while a request is converted. */
export class ConvertContext {
  readonly errors: FieldError[] = []

  constructor(readonly limits: ConvertLimits) {}

  get full(): boolean {
    return this.errors.length >= this.limits.maxErrors
  }

  fail(path: string, message: string, errorCode = 'SerializationException'): undefined {
    if (!this.full) this.errors.push({ errorCode, fieldName: path, message })
    return undefined
  }
}

/** Where a conversion is: its error collector, whether leaves are text, how deep it is. */
export interface ConvertState {
  readonly ctx: ConvertContext
  readonly textual: boolean
  readonly depth: number
}

/** A sentinel for "nothing to set". */
const skip = undefined

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype'])

// The span of a JavaScript Date, about 273,790 years: longer durations cannot be written.
const maxDurationMs = 8.64e15

/** Converts a value to a model type; `textual` says its leaves are text. */
export function convertValue(
  raw: unknown,
  type: TypeRef,
  path: string,
  state: ConvertState,
): unknown {
  if (raw === null) return null
  if (raw === undefined) return skip
  // Text standing for a structure (a query string's `{Id:1}` or `[a,b]`) is JSV.
  if (state.textual && typeof raw === 'string' && isStructured(type)) {
    const parsed = readJsvText(raw, path, state.ctx)
    if (parsed === undefined) return skip
    raw = parsed
  }
  switch (type.kind) {
    case 'primitive':
      return state.textual || typeof raw === 'string' && textualPrimitive(type.name)
        ? fromText(raw, type.name, path, state.ctx)
        : fromJson(raw, type.name, path, state.ctx)
    case 'enum':
      return toEnum(raw, type.type, path, state.ctx)
    case 'nullable':
      return convertValue(raw, type.inner, path, state)
    case 'list':
      return toList(raw, type.item, path, state)
    case 'map':
      return toMap(raw, type.value, path, state)
    case 'class':
      return convertObject(raw, type, path, state)
    case 'param':
      return raw
  }
}

/** Builds a DTO instance from an object, copying only its declared properties. */
export function convertObject(
  raw: unknown,
  type: ClassRef,
  path: string,
  state: ConvertState,
): object | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return state.ctx.fail(path || type.type.name, `expected an object for '${path || type.type.name}'`)
  }
  const inner = deeper(state, path || type.type.name)
  if (!inner) return undefined
  const instance = new type.type.ctor() as Record<string, unknown>
  const bindings = bindingsOf(type)
  const { limits } = state.ctx
  for (const key of Object.keys(raw)) {
    if (state.ctx.full) break
    const binding = bindings.get(key.toLowerCase())
    if (!binding) continue
    const value = (raw as Record<string, unknown>)[key]
    if (!state.textual && binding.fits?.(value, limits)) {
      instance[binding.key] = value
      continue
    }
    const converted = convertValue(value, binding.type, join(path, binding.name), inner)
    if (converted !== skip) instance[binding.key] = converted
  }
  return instance
}

/** How a member is bound: where it goes, its type, and whether a JSON value fits as it is. */
interface Binding {
  readonly key: string
  readonly name: string
  readonly type: TypeRef
  readonly fits?: Fits
}

const bindings = new WeakMap<ClassRef, ReadonlyMap<string, Binding>>()

function bindingsOf(type: ClassRef): ReadonlyMap<string, Binding> {
  let found = bindings.get(type)
  if (!found) {
    const map = new Map<string, Binding>()
    for (const [name, property] of propertyLookup(type)) {
      map.set(name, { key: property.model.key, name: property.model.name, type: property.type, fits: fitsOf(property.type) })
    }
    bindings.set(type, map)
    found = map
  }
  return found
}

/**
 * Whether a JSON value is already what a primitive type holds: of its type and within its
 * bounds, so that the converter answers it unchanged. The converter decides by the same
 * checks; binding takes most values of most requests by them alone, without the
 * converter's dispatch or the path an error would need.
 */
type Fits = (value: unknown, limits: ConvertLimits) => boolean

const finite: Fits = (value) => typeof value === 'number' && Number.isFinite(value)

function integerIn(name: 'int' | 'long'): Fits {
  const [min, max] = integerBounds[name]
  return (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

const fitsJson: Readonly<Partial<Record<PrimitiveName, Fits>>> = {
  string: (value, limits) => typeof value === 'string' && isStorableText(value, limits),
  bool: (value) => typeof value === 'boolean',
  int: integerIn('int'),
  long: integerIn('long'),
  double: finite,
  decimal: finite,
}

function fitsOf(type: TypeRef): Fits | undefined {
  if (type.kind === 'nullable') return fitsOf(type.inner)
  return type.kind === 'primitive' ? fitsJson[type.name] : undefined
}

// The state one level down, or undefined (and an error) past the nesting limit.
function deeper(state: ConvertState, path: string): ConvertState | undefined {
  const { maxDepth } = state.ctx.limits
  if (state.depth < maxDepth) return { ctx: state.ctx, textual: state.textual, depth: state.depth + 1 }
  state.ctx.fail(path, `nesting deeper than ${maxDepth} levels`)
  return undefined
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name
}

function toList(
  raw: unknown,
  item: TypeRef,
  path: string,
  state: ConvertState,
): unknown[] | undefined {
  let items: unknown[]
  if (Array.isArray(raw)) items = raw
  else if (state.textual && typeof raw === 'string') items = splitList(raw)
  else return state.ctx.fail(path, `expected a list for '${path}'`)
  const inner = deeper(state, path)
  if (!inner) return undefined
  const fits = state.textual ? undefined : fitsOf(item)
  const { limits } = state.ctx
  const out: unknown[] = []
  for (let i = 0; i < items.length && !state.ctx.full; i++) {
    const raw = items[i]
    if (fits?.(raw, limits)) {
      out.push(raw)
      continue
    }
    const value = convertValue(raw, item, `${path}[${i}]`, inner)
    out.push(value === skip ? null : value)
  }
  return out
}

// `a,b,c`, as ServiceStack's TypeScript client puts lists in query strings (the JSV form
// `[a,b,c]` of its Python client is read as JSV before this).
function splitList(text: string): string[] {
  return text === '' ? [] : text.split(',').map((s) => s.trim())
}

function isStructured(type: TypeRef): boolean {
  const shape = type.kind === 'nullable' ? type.inner : type
  return shape.kind === 'class' || shape.kind === 'map' || shape.kind === 'list'
}

function readJsvText(text: string, path: string, ctx: ConvertContext): unknown {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text
  try {
    return parseJsv(trimmed, nestingBound(ctx.limits.maxDepth))
  } catch (error) {
    return ctx.fail(path, error instanceof ApiError ? error.message : `'${path}' is not valid JSV`)
  }
}

function toMap(
  raw: unknown,
  value: TypeRef,
  path: string,
  state: ConvertState,
): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return state.ctx.fail(path, `expected an object for '${path}'`)
  }
  const inner = deeper(state, path)
  if (!inner) return undefined
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(raw)) {
    if (state.ctx.full) break
    if (forbiddenKeys.has(key) || !key.isWellFormed() || unwritable.test(key)) {
      state.ctx.fail(`${path}[${key}]`, `'${key}' cannot be a key`)
      continue
    }
    const converted = convertValue((raw as Record<string, unknown>)[key], value, `${path}[${key}]`, inner)
    if (converted !== skip) out[key] = converted
  }
  return out
}

// Types whose JSON form is a string.
function textualPrimitive(name: PrimitiveName): boolean {
  return name === 'DateTime' || name === 'TimeSpan' || name === 'Guid' || name === 'byte[]'
}

function fromJson(raw: unknown, name: PrimitiveName, path: string, ctx: ConvertContext): unknown {
  switch (name) {
    case 'string':
      return typeof raw === 'string' ? wellFormed(raw, path, ctx) : invalid(ctx, path, raw, 'a string')
    case 'bool':
      return fitsJson.bool!(raw, ctx.limits) ? raw : invalid(ctx, path, raw, 'true or false')
    case 'int':
    case 'long': {
      const [min, max] = integerBounds[name]
      return fitsJson[name]!(raw, ctx.limits)
        ? raw
        : name === 'long' && typeof raw === 'string'
          ? fromText(raw, name, path, ctx)
          : invalid(ctx, path, raw, `an integer from ${min} to ${max}`)
    }
    case 'double':
      return finite(raw, ctx.limits) ? raw : invalid(ctx, path, raw, 'a finite number')
    case 'decimal':
      return finite(raw, ctx.limits)
        ? raw
        : typeof raw === 'string' ? fromText(raw, name, path, ctx) : invalid(ctx, path, raw, 'a finite number')
    case 'TimeSpan':
      return typeof raw === 'number' && Math.abs(raw) <= maxDurationMs ? raw : invalid(ctx, path, raw, 'a duration')
    default:
      return invalid(ctx, path, raw, describe(name))
  }
}

function fromText(raw: unknown, name: PrimitiveName, path: string, ctx: ConvertContext): unknown {
  if (typeof raw !== 'string') return invalid(ctx, path, raw, describe(name))
  let value: unknown
  switch (name) {
    case 'string':
      return wellFormed(raw, path, ctx)
    case 'int':
    case 'long': {
      const [min, max] = integerBounds[name]
      value = parseInteger(raw.trim(), min, max)
      break
    }
    case 'double':
    case 'decimal':
      value = parseNumber(raw.trim())
      // JSON cannot carry NaN or Infinity: accepting them would answer null.
      if (!Number.isFinite(value)) value = undefined
      break
    case 'bool':
      value = parseBoolean(raw)
      break
    case 'DateTime':
      value = parseDate(raw.trim())
      break
    case 'TimeSpan':
      value = parseDuration(raw.trim())
      if (typeof value === 'number' && Math.abs(value) > maxDurationMs) value = undefined
      break
    case 'Guid':
      value = parseGuid(raw.trim())
      break
    case 'byte[]':
      value = parseBase64(raw.trim())
      break
  }
  return value === undefined ? invalid(ctx, path, raw, describe(name)) : value
}

function toEnum(raw: unknown, type: EnumModel, path: string, ctx: ConvertContext): unknown {
  for (const member of type.members) {
    if (member.value === raw) return member.value
  }
  if (typeof raw === 'string') {
    const text = raw.trim().toLowerCase()
    const found = type.members.find(
      (m) => m.name.toLowerCase() === text || String(m.value).toLowerCase() === text,
    )
    if (found) return found.value
  }
  const allowed = type.members.map((m) => m.value).join(', ')
  return ctx.fail(path, `'${shortText(raw)}' is not one of ${allowed}`, 'Enum')
}

function describe(name: PrimitiveName): string {
  switch (name) {
    case 'int':
    case 'long':
      return 'an integer'
    case 'double':
    case 'decimal':
      return 'a number'
    case 'bool':
      return 'true or false'
    case 'DateTime':
      return 'a date (ISO-8601)'
    case 'TimeSpan':
      return 'a duration (such as PT1H30M)'
    case 'Guid':
      return 'a GUID'
    case 'byte[]':
      return 'base64 bytes'
    case 'string':
      return 'a string'
  }
}

// Characters XML 1.0 cannot hold (control characters but tab, line feed and carriage
// return; U+FFFE and U+FFFF): accepted in JSON, they could not be answered in XML.
const unwritable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/

// A lone UTF-16 surrogate cannot be stored as UTF-8: it would come back as U+FFFD.
function wellFormed(text: string, path: string, ctx: ConvertContext): string | undefined {
  if (isStorableText(text, ctx.limits)) return text
  const { maxStringLength } = ctx.limits
  if (text.length > maxStringLength) {
    return ctx.fail(path, `the text of '${path}' is longer than ${maxStringLength} characters`)
  }
  if (!text.isWellFormed()) return ctx.fail(path, `the text of '${path}' is not valid Unicode`)
  return ctx.fail(path, `the text of '${path}' holds a control character`)
}

function isStorableText(text: string, limits: ConvertLimits): boolean {
  return text.length <= limits.maxStringLength && text.isWellFormed() && !unwritable.test(text)
}

function invalid(ctx: ConvertContext, path: string, raw: unknown, expected: string): undefined {
  return ctx.fail(path, `'${shortText(raw)}' is not ${expected}`)
}

// A short, safe picture of a refused value: never walks it, however deep it is.
function shortText(raw: unknown): string {
  if (Array.isArray(raw)) return '[list]'
  if (typeof raw === 'object' && raw !== null) return '{object}'
  const text = String(raw)
  return text.length > 40 ? `${text.slice(0, 40)}...` : text
}
