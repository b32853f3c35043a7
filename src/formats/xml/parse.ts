/**
 * Reads XML request bodies into values shaped by the model: elements by name in any
 * order, `i:nil` as null, lists and maps as DataContractSerializer writes them. The
 * document is read by our own strict reader: no DTD, only XML's five entities and
 * character references.
 */
import { ApiError } from '../../errors/api-error'
import type { ClassRef, TypeRef } from '../../registry/model'
import { propertyLookup } from '../../registry/type-utils'
import { nestingBound, type ParsedBody } from '../format'
import { xmlNameOf, xsiNamespace } from './names'
import { readXml, XmlSyntaxError, type XmlElement } from './reader'

/** How strictly request XML is read. */
export interface XmlReadOptions {
  /** Require the root element's namespace, as DataContractSerializer does. @default false */
  readonly strictNamespace?: boolean
  /** How deep the request's values may nest; binding names the member past it. @default 64 */
  readonly maxDepth?: number
}

/** Parses an XML body as a value of `type`; throws a 400 when it cannot be read. */
export function parseXml(text: string, type: TypeRef, options: XmlReadOptions = {}): ParsedBody {
  if (text.trim() === '') return { value: undefined, textual: true }
  const root = parseRoot(text, nestingBound(options.maxDepth ?? 64))
  const expected = xmlNameOf(type)
  const [prefix, local] = splitName(root.name)
  if (local !== expected.name) {
    throw refuse(`Expected the element '${expected.name}', found '${local}'`)
  }
  const namespace = root.attributes.get(prefix ? `xmlns:${prefix}` : 'xmlns')
  if (namespace !== undefined ? namespace !== expected.namespace : options.strictNamespace) {
    throw refuse(`Expected '${expected.name}' in the namespace '${expected.namespace}', found '${namespace ?? ''}'`)
  }
  return { value: valueOf(root, type, nilPrefixesOf(root)), textual: true }
}

// The prefixes the root binds to the XML Schema instance namespace (`i` as a rule).
function nilPrefixesOf(root: XmlElement): ReadonlySet<string> {
  const prefixes = new Set<string>()
  for (const [name, value] of root.attributes) {
    if (name.startsWith('xmlns:') && value === xsiNamespace) prefixes.add(name.slice('xmlns:'.length))
  }
  return prefixes
}

function parseRoot(text: string, maxDepth: number): XmlElement {
  try {
    return readXml(text, { maxDepth })
  } catch (cause) {
    if (cause instanceof XmlSyntaxError) throw refuse(`The XML body is not well-formed: ${cause.message}`, cause)
    throw cause
  }
}

// The walk follows the elements, whose nesting the reader bounds.
function valueOf(node: XmlElement, type: TypeRef, nilPrefixes: ReadonlySet<string>): unknown {
  if (isNil(node, nilPrefixes)) return null
  switch (type.kind) {
    case 'nullable':
      return valueOf(node, type.inner, nilPrefixes)
    case 'class':
      return objectOf(node, type, nilPrefixes)
    case 'list':
      return itemsOf(node).map((child) => valueOf(child, type.item, nilPrefixes))
    case 'map':
      return mapOf(node, type.value, nilPrefixes)
    default:
      return node.text
  }
}

// The items of a list; text beside them would be lost, so it is refused.
function itemsOf(node: XmlElement): XmlElement[] {
  if (node.text.trim() !== '') {
    throw refuse(`The list '${splitName(node.name)[1]}' holds text instead of item elements`)
  }
  return node.children
}

function objectOf(node: XmlElement, type: ClassRef, nilPrefixes: ReadonlySet<string>): Record<string, unknown> {
  const lookup = propertyLookup(type)
  const out: Record<string, unknown> = Object.create(null)
  for (const child of node.children) {
    const [, local] = splitName(child.name)
    const property = lookup.get(local.toLowerCase())
    if (!property) continue
    if (property.model.key in out) throw refuse(`The element '${local}' appears twice`)
    out[property.model.key] = valueOf(child, property.type, nilPrefixes)
  }
  return out
}

function mapOf(node: XmlElement, value: TypeRef, nilPrefixes: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null)
  for (const entry of node.children) {
    let key: string | undefined
    let item: XmlElement | undefined
    for (const part of entry.children) {
      const [, local] = splitName(part.name)
      if (local === 'Key' && !isNil(part, nilPrefixes)) key = part.text
      else if (local === 'Value') item = part
    }
    if (key === undefined) throw refuse('A map entry has no Key')
    if (key in out) throw refuse(`The map key '${key.slice(0, 40)}' appears twice`)
    out[key] = item ? valueOf(item, value, nilPrefixes) : null
  }
  return out
}

function splitName(name: string): [string, string] {
  const colon = name.indexOf(':')
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)]
}

// `i:nil="true"`, with `i` bound to the XML Schema instance namespace on the root or here.
function isNil(node: XmlElement, nilPrefixes: ReadonlySet<string>): boolean {
  if (node.attributes.size === 0) return false
  for (const [name, value] of node.attributes) {
    if (value !== 'true') continue
    const [prefix, local] = splitName(name)
    if (local === 'nil' && (nilPrefixes.has(prefix) || node.attributes.get(`xmlns:${prefix}`) === xsiNamespace)) return true
  }
  return false
}

function refuse(message: string, cause?: unknown): ApiError {
  return new ApiError('SerializationException', message, { cause })
}
