/** Model types as Python type hints, and the defaults of members that must be present. */
import type { PrimitiveName, TypeRef } from '../../registry/model'

const primitives: Record<PrimitiveName, string> = {
  string: 'str',
  int: 'int',
  long: 'int',
  double: 'float',
  decimal: 'Decimal',
  bool: 'bool',
  DateTime: 'datetime.datetime',
  TimeSpan: 'datetime.timedelta',
  Guid: 'str',
  'byte[]': 'bytes',
}

// The defaults ServiceStack's generator gives non-nullable value types.
const defaults: Partial<Record<PrimitiveName, string>> = {
  int: '0',
  long: '0',
  double: '0.0',
  decimal: 'decimal.Decimal(0)',
  bool: 'False',
  DateTime: 'datetime.datetime(1, 1, 1)',
  TimeSpan: 'datetime.timedelta()',
}

/**
 * The Python hint of a model type. `quote` names the classes not declared yet (a cycle):
 * they are written as strings, which Python resolves later.
 */
export function pyType(type: TypeRef, quote: (name: string) => boolean = () => false): string {
  const inner = (t: TypeRef) => pyType(t, quote)
  switch (type.kind) {
    case 'primitive':
      return primitives[type.name]
    case 'enum':
      return quote(type.type.name) ? `'${type.type.name}'` : type.type.name
    case 'class': {
      const name = type.args.length === 0 ? type.type.name : `${type.type.name}[${type.args.map(inner).join(', ')}]`
      return quote(type.type.name) ? `'${name}'` : name
    }
    case 'list':
      return `List[${inner(type.item)}]`
    case 'map':
      return `Dict[str, ${inner(type.value)}]`
    case 'nullable':
      return inner(type.inner)
    case 'param':
      return type.name
  }
}

/** The default of a member that must be present, when its type has one; else `None`. */
export function requiredDefault(type: TypeRef): string | undefined {
  return type.kind === 'primitive' ? defaults[type.name] : undefined
}
