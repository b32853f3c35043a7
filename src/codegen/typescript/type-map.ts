/** Model types as TypeScript types. */
import type { PrimitiveName, TypeRef } from '../../registry/model'
import { escapeChar } from '../attributes'

const primitives: Record<PrimitiveName, string> = {
  string: 'string',
  int: 'number',
  long: 'number',
  double: 'number',
  decimal: 'number',
  bool: 'boolean',
  DateTime: 'string',
  TimeSpan: 'string',
  Guid: 'string',
  'byte[]': 'string',
}

/** The TypeScript type of a model type: `string`, `Page<Order>[]`, `{ [index: string]: number; }`. */
export function tsType(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return primitives[type.name]
    case 'enum':
      return type.type.name
    case 'class':
      return type.args.length === 0 ? type.type.name : `${type.type.name}<${type.args.map(tsType).join(', ')}>`
    case 'list': {
      const item = tsType(type.item)
      // `T[]` reads best; an object type needs the long form.
      return item.includes('{') ? `Array<${item}>` : `${item}[]`
    }
    case 'map':
      return `{ [index: string]: ${tsType(type.value)}; }`
    case 'nullable':
      return tsType(type.inner)
    case 'param':
      return type.name
  }
}

/** What `createResponse()` returns for a response type. */
export function tsNewValue(type: TypeRef): string {
  switch (type.kind) {
    case 'class':
      return `new ${tsType(type)}()`
    case 'list':
      return `new Array<${tsType(type.item)}>()`
    case 'map':
      return '{}'
    case 'primitive':
      return type.name === 'bool' ? 'false' : primitives[type.name] === 'number' ? '0' : "''"
    default:
      return 'undefined as any'
  }
}

/** A property name as TypeScript accepts it: bare when it is an identifier, else quoted. */
export function tsPropertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : tsString(name)
}

/** A TypeScript string literal in single quotes, every special character escaped. */
export function tsString(text: string): string {
  return `'${text.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, escapeChar)}'`
}
