/**
 * Reads XML request bodies into values shaped by the model: elements by name in any
 * order, `i:nil` as null, lists and maps as DataContractSerializer writes them. No DTD:
 * a DOCTYPE or entity declaration is refused, and only XML's five entities and character
 * references are decoded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { ApiError } from '../../errors/api-error'
import type { ClassRef, TypeRef } from '../../registry/model'
import { propertyLookup } from '../../registry/type-utils'
import type { ParsedBody } from '../format'
import { xmlNameOf, xsiNamespace } from './names'

/** How strictly request XML is read. */
export interface XmlReadOptions {
  /** Require the root element's namespace, as DataContractSerializer does. @default false */
  readonly strictNamespace?: boolean
}

type XmlNode = Record<string, unknown>

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
})

const attributesKey = ':@'
const textKey = '#text'
const cdataKey = '#cdata'

/** Parses an XML body as a value of `type`; throws a 400 when it cannot be read. */
export function parseXml(text: string, type: TypeRef, options: XmlReadOptions = {}): ParsedBody {
  if (text.trim() === '') return { value: undefined, textual: true }
  if (/<!(DOCTYPE|ENTITY)/i.test(text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) {
    throw refuse('XML with a DOCTYPE or entity declarations is not accepted')
  }
  const root = parseRoot(text)
  const expected = xmlNameOf(type)
  const name = tagOf(root)
  const [prefix, local] = splitName(name)
  if (local !== expected.name) {
    throw refuse(`Expected the element '${expected.name}', found '${local}'`)
  }
  const namespace = attributesOf(root)[prefix ? `xmlns:${prefix}` : 'xmlns']
  if (namespace !== undefined ? namespace !== expected.namespace : options.strictNamespace) {
    throw refuse(`Expected '${expected.name}' in the namespace '${expected.namespace}', found '${namespace ?? ''}'`)
  }
  return { value: valueOf(root, type, { depth: 0, nilPrefixes: nilPrefixesOf(root) }), textual: true }
}

// The prefixes the root binds to the XML Schema instance namespace (`i` as a rule).
function nilPrefixesOf(root: XmlNode): ReadonlySet<string> {
  return new Set(
    Object.entries(attributesOf(root))
      .filter(([name, value]) => name.startsWith('xmlns:') && value === xsiNamespace)
      .map(([name]) => name.slice('xmlns:'.length)),
  )
}

function parseRoot(text: string): XmlNode {
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    throw refuse(`The XML body is not well-formed: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`)
  }
  let nodes: XmlNode[]
  try {
    nodes = parser.parse(text) as XmlNode[]
  } catch (cause) {
    // fast-xml-parser refuses element names such as __proto__ with a security error, and
    // documents that nest too deeply.
    const deep = cause instanceof Error && /nest/i.test(cause.message)
    throw refuse(deep ? 'The XML nests too deeply' : 'The XML body holds a name that is not accepted', cause)
  }
  const elements = nodes.filter((n) => !(textKey in n))
  if (elements.length !== 1) throw refuse('The XML body must hold exactly one root element')
  return elements[0]!
}

const maxDepth = 64

interface Walk {
  readonly depth: number
  readonly nilPrefixes: ReadonlySet<string>
}

function valueOf(node: XmlNode, type: TypeRef, walk: Walk): unknown {
  if (isNil(node, walk)) return null
  if (walk.depth > maxDepth) throw refuse(`The XML nests deeper than ${maxDepth} levels`)
  const deeper = { ...walk, depth: walk.depth + 1 }
  switch (type.kind) {
    case 'nullable':
      return valueOf(node, type.inner, walk)
    case 'class':
      return objectOf(node, type, deeper)
    case 'list':
      return itemsOf(node).map((child) => valueOf(child, type.item, deeper))
    case 'map':
      return mapOf(node, type.value, deeper)
    default:
      return textOf(node)
  }
}

// The items of a list; text beside them would be lost, so it is refused.
function itemsOf(node: XmlNode): XmlNode[] {
  if (textOf(node).trim() !== '') {
    throw refuse(`The list '${splitName(tagOf(node))[1]}' holds text instead of item elements`)
  }
  return childrenOf(node)
}

function objectOf(node: XmlNode, type: ClassRef, walk: Walk): Record<string, unknown> {
  const lookup = propertyLookup(type)
  const out: Record<string, unknown> = Object.create(null)
  const seen = new Set<string>()
  for (const child of childrenOf(node)) {
    const [, local] = splitName(tagOf(child))
    const property = lookup.get(local.toLowerCase())
    if (!property) continue
    if (seen.has(property.model.key)) throw refuse(`The element '${local}' appears twice`)
    seen.add(property.model.key)
    out[property.model.key] = valueOf(child, property.type, walk)
  }
  return out
}

function mapOf(node: XmlNode, value: TypeRef, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null)
  for (const entry of childrenOf(node)) {
    let key: string | undefined
    let item: XmlNode | undefined
    for (const part of childrenOf(entry)) {
      const [, local] = splitName(tagOf(part))
      if (local === 'Key' && !isNil(part, walk)) key = textOf(part)
      else if (local === 'Value') item = part
    }
    if (key === undefined) throw refuse('A map entry has no Key')
    if (key in out) throw refuse(`The map key '${key.slice(0, 40)}' appears twice`)
    out[key] = item ? valueOf(item, value, { ...walk, depth: walk.depth + 1 }) : null
  }
  return out
}

function tagOf(node: XmlNode): string {
  return Object.keys(node).find((k) => k !== attributesKey)!
}

function splitName(name: string): [string, string] {
  const colon = name.indexOf(':')
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)]
}

function attributesOf(node: XmlNode): Record<string, string> {
  return (node[attributesKey] as Record<string, string> | undefined) ?? {}
}

function childrenOf(node: XmlNode): XmlNode[] {
  const content = node[tagOf(node)] as XmlNode[]
  return content.filter((c) => !(textKey in c) && !(cdataKey in c))
}

// `i:nil="true"`, with `i` bound to the XML Schema instance namespace on the root or here.
function isNil(node: XmlNode, walk: Walk): boolean {
  const attributes = attributesOf(node)
  return Object.entries(attributes).some(([name, value]) => {
    const [prefix, local] = splitName(name)
    if (local !== 'nil' || value !== 'true') return false
    return walk.nilPrefixes.has(prefix) || attributes[`xmlns:${prefix}`] === xsiNamespace
  })
}

// The text of an element: its text and CDATA, not that of its child elements.
function textOf(node: XmlNode): string {
  const content = node[tagOf(node)] as XmlNode[]
  return content
    .map((c) => (textKey in c ? decodeEntities(String(c[textKey])) : cdataKey in c ? cdataText(c) : ''))
    .join('')
}

function cdataText(node: XmlNode): string {
  return (node[cdataKey] as XmlNode[]).map((c) => String(c[textKey] ?? '')).join('')
}

const entityPattern = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));|&/g
const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes XML's five entities and character references; anything else is refused. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(entityPattern, (match, named?: string, decimal?: string, hex?: string) => {
    if (named) return namedEntities[named]!
    const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : NaN
    if (!isXmlChar(code)) throw refuse(`The XML holds an entity that is not accepted: '${match}'`)
    return String.fromCodePoint(code)
  })
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  )
}

function refuse(message: string, cause?: unknown): ApiError {
  return new ApiError('SerializationException', message, { cause })
}
