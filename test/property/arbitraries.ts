/**
 * fast-check generators built from the model: a value of any declared type, and the
 * normal form two values of a type are compared in after a round trip.
 */
import fc from 'fast-check'
import type { ClassModel, ClassRef, TypeRef } from '../../src/registry/model'

// Text the server refuses (control characters but tab and line breaks, U+FFFE, U+FFFF, lone
// surrogates) is left out: the round trip is about what it accepts.
const refused = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/

/** Characters with a meaning in some format: XML markup, JSV and CSV structure, white space. */
const special = ['<', '>', '&', '"', "'", ']]>', '<!--', ',', ':', '{', '}', '[', ']', ' ', '\t', '\n', '\r', '\r\n', 'null', '&amp;', '\\', '=', '%', '+', '\u00e9', '\u{1f600}', '\u2028', '\u00a0']

/** Strings of any Unicode text the server accepts, rich in format-special characters. */
export const text: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 16 }).filter((s) => s.isWellFormed() && !refused.test(s)),
  fc.array(fc.constantFrom(...special), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.array(fc.oneof(fc.constantFrom(...special), fc.string({ maxLength: 3 })), { maxLength: 5 }).map((parts) => parts.join('')),
)

/** Map keys: any accepted text but the three that name prototypes. */
const mapKey = text.filter((s) => s !== '__proto__' && s !== 'constructor' && s !== 'prototype')

const minDate = new Date('0001-01-01T00:00:00.000Z')
const maxDate = new Date('9999-12-31T23:59:59.999Z')

function primitive(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'string':
      return text
    case 'int':
      return fc.integer({ min: -2_147_483_648, max: 2_147_483_647 })
    case 'long':
      return fc.maxSafeInteger()
    case 'double':
    case 'decimal':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(1e21, 1.5e-7, -2.5e300, 0.1))
    case 'bool':
      return fc.boolean()
    case 'DateTime':
      return fc.date({ min: minDate, max: maxDate, noInvalidDate: true })
    case 'TimeSpan':
      return fc.integer({ min: -8.64e12, max: 8.64e12 })
    case 'Guid':
      return fc.uuid()
    case 'byte[]':
      return fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes))
    default:
      throw new Error(`no generator for '${name}'`)
  }
}

/** The members of a class with those of its bases, their type parameters resolved. */
export function membersOf(type: ClassModel, args: readonly TypeRef[] = []): { key: string; type: TypeRef }[] {
  const bound = new Map(type.typeParams.map((name, i) => [name, args[i]!] as const))
  const own = type.properties.map((p) => ({ key: p.key, type: resolve(p.type, bound) }))
  if (!type.base) return own
  const baseArgs = type.base.args.map((a) => resolve(a, bound))
  return [...membersOf(type.base.type, baseArgs), ...own]
}

function resolve(type: TypeRef, bound: ReadonlyMap<string, TypeRef>): TypeRef {
  switch (type.kind) {
    case 'param':
      return bound.get(type.name) ?? type
    case 'nullable':
      return { ...type, inner: resolve(type.inner, bound) }
    case 'list':
      return { ...type, item: resolve(type.item, bound) }
    case 'map':
      return { ...type, value: resolve(type.value, bound) }
    case 'class':
      return type.args.length === 0 ? type : { ...type, args: type.args.map((a) => resolve(a, bound)) }
    default:
      return type
  }
}

/** A value of a declared type; classes nest at most `maxDepth` levels, members optional. */
export function arbitraryOf(type: TypeRef, depth = 0, maxDepth = 4): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'primitive':
      return primitive(type.name)
    case 'enum':
      return fc.constantFrom(...type.type.members.map((m) => m.value))
    case 'nullable':
      return fc.option(arbitraryOf(type.inner, depth, maxDepth), { nil: null })
    case 'list':
      return depth >= maxDepth ? fc.constant([]) : fc.array(arbitraryOf(type.item, depth + 1, maxDepth), { maxLength: 3 })
    case 'map':
      return depth >= maxDepth ? fc.constant({}) : fc.dictionary(mapKey, arbitraryOf(type.value, depth + 1, maxDepth), { maxKeys: 3 })
    case 'class':
      return classArbitrary(type, depth, maxDepth)
    case 'param':
      throw new Error(`unresolved type parameter '${type.name}'`)
  }
}

function classArbitrary(type: ClassRef, depth: number, maxDepth: number): fc.Arbitrary<unknown> {
  if (depth >= maxDepth) return fc.constant({})
  const shape: Record<string, fc.Arbitrary<unknown>> = {}
  for (const member of membersOf(type.type, type.args)) shape[member.key] = arbitraryOf(member.type, depth + 1, maxDepth)
  return fc.record(shape, { requiredKeys: [] })
}

/**
 * The normal form of a value of a type, for comparing before and after a round trip: nulls
 * and absent members alike (JSON leaves nulls out), instants as milliseconds, bytes as
 * base64, -0 as 0 (JSON has no negative zero), map keys sorted.
 */
export function normalise(value: unknown, type: TypeRef): unknown {
  if (value === null || value === undefined) return undefined
  switch (type.kind) {
    case 'nullable':
      return normalise(value, type.inner)
    case 'primitive':
      if (value instanceof Date) return value.getTime()
      if (Buffer.isBuffer(value)) return value.toString('base64')
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
      return Object.is(value, -0) ? 0 : value
    case 'list':
      return (value as unknown[]).map((item) => normalise(item, type.item) ?? null)
    case 'map': {
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(value as object).sort()) out[key] = normalise((value as Record<string, unknown>)[key], type.value) ?? null
      return out
    }
    case 'class': {
      const out: Record<string, unknown> = {}
      for (const member of membersOf(type.type, type.args)) {
        const item = normalise((value as Record<string, unknown>)[member.key], member.type)
        if (item !== undefined) out[member.key] = item
      }
      return out
    }
    default:
      return value
  }
}
