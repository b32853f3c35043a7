/**
 * Writes DTOs as DataContractSerializer does: root named after the type with `xmlns:i`
 * then `xmlns`, base-class members first, then members alphabetically (ordered members
 * last), nulls as `i:nil="true"`, foreign namespaces under `dNp1` prefixes.
 */
import type { ClassRef, TypeRef } from '../../registry/model'
import { propertyChain, type ResolvedProperty } from '../../registry/type-utils'
import { toJsonValue } from '../json'
import { formatDuration } from '../values'
import { arraysNamespace, mapEntryName, serializationNamespace, xmlNameOf, xsiNamespace } from './names'

/** How the XML is laid out. */
export interface XmlLayout {
  /** Two-space indentation and no XML declaration, as metadata pages show samples. */
  readonly indent?: boolean
}

/** Namespace URI → prefix ('' for the default namespace) of the elements being written. */
type Scope = ReadonlyMap<string, string>

class XmlWriter {
  private out = ''

  constructor(private readonly indent: boolean) {}

  line(depth: number, text: string): void {
    if (this.indent && this.out !== '') this.out += '\n' + '  '.repeat(depth - 1)
    this.out += text
  }

  text(text: string): void {
    this.out += text
  }

  toString(): string {
    return this.out
  }
}

// Scopes are made once for each place in a document shape and shared by every document
// of that shape, so that the names qualified in them can be kept with them.
const rootScopes = new Map<string, Scope>()
const innerScopes = new WeakMap<Scope, Map<string, Scope>>()

function rootScope(namespace: string): Scope {
  let scope = rootScopes.get(namespace)
  if (!scope) rootScopes.set(namespace, (scope = new Map([[namespace, '']])))
  return scope
}

function withNamespace(scope: Scope, namespace: string, prefix: string): Scope {
  let inner = innerScopes.get(scope)
  if (!inner) innerScopes.set(scope, (inner = new Map()))
  const key = `${prefix} ${namespace}`
  let found = inner.get(key)
  if (!found) inner.set(key, (found = new Map([...scope, [namespace, prefix]])))
  return found
}

/** Writes a value of a model type as an XML document. */
export function serializeXml(value: unknown, type: TypeRef | undefined, layout: XmlLayout = {}): string {
  const writer = new XmlWriter(layout.indent ?? false)
  if (!layout.indent) writer.text('<?xml version="1.0" encoding="utf-8"?>')
  const root = type ? xmlNameOf(type) : { name: 'Response', namespace: serializationNamespace }
  const attrs = ` xmlns:i="${xsiNamespace}" xmlns="${escapeAttribute(root.namespace)}"`
  if (!type) {
    writeUntyped(writer, { qname: root.name, attrs, value: toJsonValue(value, undefined, { dateStyle: 'iso8601' }), depth: 1 })
    return writer.toString()
  }
  writeElement(writer, { qname: root.name, attrs, value, type, depth: 1, scope: rootScope(root.namespace) })
  return writer.toString()
}

const xmlName = /^[A-Za-z_][\w.-]*$/

// A value the model does not describe (an operation without a response type): its keys
// become elements and list items `<Item>`; a key that is no XML name is refused.
function writeUntyped(writer: XmlWriter, job: { qname: string; attrs: string; value: unknown; depth: number }): void {
  const { qname, attrs, value, depth } = job
  if (value === null || value === undefined) {
    writer.line(depth, `<${qname}${attrs} i:nil="true" />`)
    return
  }
  if (typeof value !== 'object') {
    writer.line(depth, `<${qname}${attrs}>${escapeText(String(value))}</${qname}>`)
    return
  }
  const entries = Array.isArray(value) ? value.map((v) => ['Item', v] as const) : Object.entries(value)
  if (entries.length === 0) {
    writer.line(depth, `<${qname}${attrs} />`)
    return
  }
  writer.line(depth, `<${qname}${attrs}>`)
  for (const [key, item] of entries) {
    if (!xmlName.test(key)) throw new RangeError(`'${key.slice(0, 40)}' cannot be an XML element name`)
    writeUntyped(writer, { qname: key, attrs: '', value: item, depth: depth + 1 })
  }
  writer.line(depth, `</${qname}>`)
}

interface ElementJob {
  readonly qname: string
  readonly attrs: string
  readonly value: unknown
  readonly type: TypeRef
  readonly depth: number
  /** The namespaces in scope on this element, its own declarations included. */
  readonly scope: Scope
}

/** An element's name as written where some namespaces are in scope. */
interface QualifiedName {
  readonly qname: string
  readonly attrs: string
  readonly scope: Scope
}

function writeElement(writer: XmlWriter, job: ElementJob): void {
  const { qname, attrs, value, depth } = job
  const type = job.type.kind === 'nullable' ? job.type.inner : job.type
  if (value === undefined || value === null) {
    writer.line(depth, `<${qname}${attrs} i:nil="true" />`)
    return
  }
  switch (type.kind) {
    case 'class': {
      const members = membersToWrite(value, type)
      return writeContainer(writer, job, type.type.xml.namespace, members.length > 0 && ((scope) => writeMembers(writer, members, depth, scope)))
    }
    case 'list': {
      const items = Array.isArray(value) ? value : value instanceof Set ? [...value] : []
      return writeContainer(writer, job, xmlNameOf(type.item).namespace, items.length > 0 && ((scope) => writeItems(writer, items, type.item, depth, scope)))
    }
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object)
      return writeContainer(writer, job, arraysNamespace, entries.length > 0 && ((scope) => writeEntries(writer, entries, type, depth, scope)))
    }
    default:
      writer.line(depth, `<${qname}${attrs}>${escapeText(scalarText(value, type))}</${qname}>`)
  }
}

// An element whose content lives in `namespace`: declares `dNp1` for it unless it is in
// scope. Without content it closes at once (`<Tags ... />`), as DataContractSerializer does.
function writeContainer(writer: XmlWriter, job: ElementJob, namespace: string, writeContent: false | ((scope: Scope) => void)): void {
  let scope = job.scope
  let attrs = job.attrs
  if (!scope.has(namespace)) {
    const prefix = `d${job.depth}p1`
    attrs += ` xmlns:${prefix}="${escapeAttribute(namespace)}"`
    scope = withNamespace(scope, namespace, prefix)
  }
  if (!writeContent) {
    writer.line(job.depth, `<${job.qname}${attrs} />`)
    return
  }
  writer.line(job.depth, `<${job.qname}${attrs}>`)
  writeContent(scope)
  writer.line(job.depth, `</${job.qname}>`)
}

// Names are qualified the same way for every element of a namespace in one scope, so the
// answer is kept per scope.
const qualifiedNames = new WeakMap<Scope, Map<string, QualifiedName>>()

function qualified(scope: Scope, namespace: string, name: string): QualifiedName {
  let names = qualifiedNames.get(scope)
  if (!names) qualifiedNames.set(scope, (names = new Map()))
  const key = `${namespace} ${name}`
  let found = names.get(key)
  if (!found) names.set(key, (found = qualify(scope, namespace, name)))
  return found
}

function qualify(scope: Scope, namespace: string, name: string): QualifiedName {
  const prefix = scope.get(namespace)
  if (prefix !== undefined) return { qname: prefix ? `${prefix}:${name}` : name, attrs: '', scope }
  // A member of a base class from another namespace: it redeclares the default namespace.
  const inner = new Map([...scope].filter(([, p]) => p !== ''))
  inner.set(namespace, '')
  return { qname: name, attrs: ` xmlns="${escapeAttribute(namespace)}"`, scope: inner }
}

interface Member {
  readonly namespace: string
  readonly property: ResolvedProperty
  readonly value: unknown
}

/** A property of a class in the order the class writes it, with its element's namespace. */
interface Slot {
  readonly namespace: string
  readonly property: ResolvedProperty
}

// The contract order of a class: base classes first, each class's own members
// alphabetically, then those with an explicit order. Worked out once per type.
const slotsOf = new WeakMap<ClassRef, readonly Slot[]>()

function contractSlots(type: ClassRef): readonly Slot[] {
  let slots = slotsOf.get(type)
  if (!slots) {
    slots = [...propertyChain(type)]
      .reverse()
      .flatMap((level) => contractOrder(level.properties).map((property) => ({ namespace: level.type.xml.namespace, property })))
    slotsOf.set(type, slots)
  }
  return slots
}

// The members a value writes: nulls and defaults are left out unless the member says to
// emit its default value.
function membersToWrite(value: unknown, type: ClassRef): Member[] {
  const source = value as Record<string, unknown>
  const members: Member[] = []
  for (const { namespace, property } of contractSlots(type)) {
    const memberValue = source[property.model.key]
    if (property.model.emitDefaultValue || !(memberValue == null || isDefault(memberValue))) {
      members.push({ namespace, property, value: memberValue })
    }
  }
  return members
}

function writeMembers(writer: XmlWriter, members: readonly Member[], depth: number, scope: Scope): void {
  for (const member of members) {
    const element = qualified(scope, member.namespace, member.property.model.xmlName)
    writeElement(writer, {
      qname: element.qname,
      attrs: element.attrs,
      scope: element.scope,
      value: member.value,
      type: member.property.type,
      depth: depth + 1,
    })
  }
}

function writeItems(writer: XmlWriter, items: readonly unknown[], item: TypeRef, depth: number, scope: Scope): void {
  const name = xmlNameOf(item)
  const element = qualified(scope, name.namespace, name.name)
  for (const entry of items) {
    writeElement(writer, { qname: element.qname, attrs: element.attrs, scope: element.scope, value: entry, type: item, depth: depth + 1 })
  }
}

function writeEntries(
  writer: XmlWriter,
  entries: ReadonlyArray<readonly [unknown, unknown]>,
  type: Extract<TypeRef, { kind: 'map' }>,
  depth: number,
  scope: Scope,
): void {
  const prefix = scope.get(arraysNamespace)
  const q = (name: string) => (prefix ? `${prefix}:${name}` : name)
  const entryName = q(mapEntryName(type))
  const keyName = q('Key')
  const valueName = q('Value')
  const entryDepth = depth + 1
  for (const [key, item] of entries) {
    writer.line(entryDepth, `<${entryName}>`)
    writer.line(entryDepth + 1, `<${keyName}>${escapeText(String(key))}</${keyName}>`)
    writeElement(writer, { qname: valueName, attrs: '', value: item, type: type.value, depth: entryDepth + 1, scope })
    writer.line(entryDepth, `</${entryName}>`)
  }
}

// DataContractSerializer's order within a class: members without an explicit order,
// alphabetically by ordinal comparison, then ordered members by order and name.
function contractOrder(properties: readonly ResolvedProperty[]): ResolvedProperty[] {
  const byName = (a: ResolvedProperty, b: ResolvedProperty) =>
    a.model.xmlName < b.model.xmlName ? -1 : a.model.xmlName > b.model.xmlName ? 1 : 0
  const unordered = properties.filter((p) => p.model.order === undefined).sort(byName)
  const ordered = properties
    .filter((p) => p.model.order !== undefined)
    .sort((a, b) => a.model.order! - b.model.order! || byName(a, b))
  return [...unordered, ...ordered]
}

function scalarText(value: unknown, type: TypeRef): string {
  if (type.kind === 'enum') {
    // Numeric enums travel by member name in XML, as DataContractSerializer writes them.
    const member = type.type.members.find((m) => m.value === value)
    return member ? (type.type.isNumeric ? member.name : String(member.value)) : String(value)
  }
  if (type.kind !== 'primitive') return String(value)
  switch (type.name) {
    case 'DateTime':
      return formatXmlDate(value)
    case 'TimeSpan':
      return typeof value === 'number' ? formatDuration(value) : String(value)
    case 'byte[]':
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : String(value)
    case 'double':
    case 'decimal':
      return formatNumber(value, type.name)
    default:
      return String(value)
  }
}

function formatXmlDate(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : undefined
  if (!date) return String(value)
  if (Number.isNaN(date.getTime())) throw new RangeError('an invalid Date cannot be written')
  // Fractional seconds only when there are some, without trailing zeros.
  return date.toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'))
}

function formatNumber(value: unknown, kind: 'double' | 'decimal'): string {
  if (typeof value !== 'number') return String(value)
  if (!Number.isFinite(value)) {
    if (kind === 'decimal') throw new RangeError(`${value} is no decimal`)
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'INF' : '-INF'
  }
  const text = String(value)
  return kind === 'decimal' && text.includes('e') ? plainDecimal(text) : text.replace('e', 'E')
}

// xs:decimal has no exponent: the shortest digits of the number, with the point moved by
// the exponent (`-5e-324` is `-0.000…005`), so that reading it gives the same number back.
// Rounding to a fixed number of places would turn small values into 0.
function plainDecimal(text: string): string {
  const [, sign, whole, fraction = '', exponent] = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)!
  const digits = whole! + fraction
  const point = whole!.length + Number(exponent)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

function isDefault(value: unknown): boolean {
  return value === 0 || value === false || value === ''
}

/**
 * Escapes text content; `\r` is written as `&#xD;` so it survives a parse. Characters
 * XML cannot hold at all are refused rather than written into a document no reader takes.
 */
export function escapeText(text: string): string {
  // Most text holds nothing to escape or refuse: one scan tells.
  if (!needsCare.test(text) && text.isWellFormed()) return text
  if (forbidden.test(text) || !text.isWellFormed()) {
    throw new RangeError('text with characters XML cannot hold cannot be written as XML')
  }
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'))
}

const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/
const needsCare = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>\r]/

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;')
}
