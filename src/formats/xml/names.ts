/** The names DataContractSerializer gives types and namespaces. */
import type { ClassRef, PrimitiveName, TypeRef } from '../../registry/model'

/** The namespace of `xsi:nil`, bound to the prefix `i` on every root. */
export const xsiNamespace = 'http://www.w3.org/2001/XMLSchema-instance'
/** Where lists and maps of primitives put their items. */
export const arraysNamespace = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays'
/** The namespace of primitive roots (`<string>`). */
export const serializationNamespace = 'http://schemas.microsoft.com/2003/10/Serialization/'

const xsdNames: Record<PrimitiveName, string> = {
  string: 'string',
  int: 'int',
  long: 'long',
  double: 'double',
  decimal: 'decimal',
  bool: 'boolean',
  DateTime: 'dateTime',
  TimeSpan: 'duration',
  Guid: 'guid',
  'byte[]': 'base64Binary',
}

/** The element name and namespace a value of a type is written with as an item or root. */
export interface XmlName {
  readonly name: string
  readonly namespace: string
}

/** `string`, `DeviceTypes`, `PageOfOrder`, `ArrayOfstring`, `ArrayOfKeyValueOfstringint`. */
export function xmlNameOf(type: TypeRef): XmlName {
  switch (type.kind) {
    case 'primitive':
      return { name: xsdNames[type.name], namespace: arraysNamespace }
    case 'enum':
      return { name: type.type.xml.name, namespace: type.type.xml.namespace }
    case 'class':
      return { name: classXmlName(type), namespace: type.type.xml.namespace }
    case 'nullable':
      return xmlNameOf(type.inner)
    case 'list': {
      const item = xmlNameOf(type.item)
      return { name: `ArrayOf${item.name}`, namespace: item.namespace === arraysNamespace ? arraysNamespace : item.namespace }
    }
    case 'map':
      return { name: `ArrayOf${mapEntryName(type)}`, namespace: arraysNamespace }
    case 'param':
      return { name: type.name, namespace: arraysNamespace }
  }
}

/** `KeyValueOfstringint`: the element of one map entry. */
export function mapEntryName(type: Extract<TypeRef, { kind: 'map' }>): string {
  return `KeyValueOfstring${xmlNameOf(type.value).name}`
}

// Generic types are named FooOfBar after their arguments, as DataContractSerializer does
// (without the hash it appends when the arguments live in other namespaces).
function classXmlName(type: ClassRef): string {
  return type.args.length === 0
    ? type.type.xml.name
    : `${type.type.xml.name}Of${type.args.map((a) => xmlNameOf(a).name).join('')}`
}
