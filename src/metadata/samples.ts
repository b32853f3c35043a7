/**
 * Placeholder values for the sample messages of metadata pages: a value of every type, built
 * from the model, that the server's own writers turn into each format's text.
 */
import type { ClassModel, TypeRef } from '../registry/model'
import { allProperties, refersToHidden } from '../registry/type-utils'

// A class nested in itself (directly or through others) is expanded this many times.
const maxExpansions = 2

/**
 * A placeholder for a type: `String` for text, zero for numbers, `false`, the first enum
 * member, one item in each list and map, nested classes expanded, nullable values left out.
 */
export function sampleValue(type: TypeRef, expanding: ReadonlyMap<ClassModel, number> = new Map()): unknown {
  switch (type.kind) {
    case 'primitive':
      return primitiveSample(type.name)
    case 'enum':
      return type.type.members[0]?.name
    case 'nullable':
    case 'param':
      return undefined
    case 'list': {
      const item = sampleValue(type.item, expanding)
      return item === undefined ? [] : [item]
    }
    case 'map': {
      const value = sampleValue(type.value, expanding)
      return value === undefined ? {} : { String: value }
    }
    case 'class': {
      const depth = expanding.get(type.type) ?? 0
      if (depth >= maxExpansions) return undefined
      const inner = new Map(expanding).set(type.type, depth + 1)
      const value: Record<string, unknown> = {}
      for (const property of allProperties(type)) {
        if (refersToHidden(property.type)) continue
        const sample = sampleValue(property.type, inner)
        if (sample !== undefined) value[property.model.key] = sample
      }
      return value
    }
  }
}

function primitiveSample(name: Extract<TypeRef, { kind: 'primitive' }>['name']): unknown {
  switch (name) {
    case 'string':
      return 'String'
    case 'bool':
      return false
    case 'DateTime':
      return new Date('0001-01-01T00:00:00Z')
    case 'TimeSpan':
      return 0
    case 'Guid':
      return '00000000-0000-0000-0000-000000000000'
    case 'byte[]':
      return new Uint8Array(0)
    default:
      return 0
  }
}
