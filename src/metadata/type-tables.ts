/**
 * The type tables of an operation page, as data: the request and what it uses, then the
 * response and what it uses, each enum once, right after the first table that uses it.
 */
import type { ClassModel, ClassRef, EnumModel, OperationModel, PropertyModel, TypeRef } from '../registry/model'
import { classesIn, displayName, propertyChain, refersToHidden, type ResolvedProperty } from '../registry/type-utils'
import { sampleRoute, sendsBody } from './sample-messages'
import { isHiddenType } from './visibility'

/** One property row: Name, Parameter, Data Type, Required, Description. */
export interface ParameterRow {
  readonly name: string
  /** `path`, `query` or `body` on the request's tables, `form` on the others, or declared. */
  readonly parameter: string
  readonly dataType: string
  readonly required: boolean
  readonly description?: string
}

/** A table of a class's own properties (`ListResponse<DeviceTokenEntry>` for a closed base). */
export interface ClassTable {
  readonly kind: 'class'
  readonly caption: string
  readonly rows: readonly ParameterRow[]
}

/** The members of an enum; with their values when those differ from the names. */
export interface EnumTable {
  readonly kind: 'enum'
  readonly caption: string
  readonly members: ReadonlyArray<{ readonly name: string; readonly value?: string }>
}

export type TypeTable = ClassTable | EnumTable

/** The tables of an operation page, in page order. */
export function typeTables(op: OperationModel): TypeTable[] {
  const tables: TypeTable[] = []
  const enums = new Set<EnumModel>()
  const parameterOf = requestParameter(op)
  const request: ClassRef = { kind: 'class', type: op.request, args: [] }
  addClass(request, { tables, enums, seen: new Set(), parameterOf })
  if (op.response) {
    const seen = new Set<ClassModel>()
    for (const ref of classesIn(op.response)) addClass(ref, { tables, enums, seen, parameterOf: () => 'form' })
  }
  return tables
}

interface Walk {
  readonly tables: TypeTable[]
  readonly enums: Set<EnumModel>
  /** Classes already shown in this half of the page (request or response). */
  readonly seen: Set<ClassModel>
  readonly parameterOf: (property: PropertyModel) => string
}

// A class's table and its bases' tables, then the classes their properties use, depth first.
function addClass(ref: ClassRef, walk: Walk): void {
  if (walk.seen.has(ref.type) || isHiddenType(ref.type)) return
  walk.seen.add(ref.type)
  const used: ResolvedProperty[] = []
  for (const level of propertyChain(ref)) {
    const properties = level.properties.filter((p) => !p.model.apiMember?.excludeInSchema && !refersToHidden(p.type))
    used.push(...properties)
    if (properties.length === 0) continue
    const caption = level.type === ref.type && ref.args.length === 0 ? level.type.name : displayName({ kind: 'class', type: level.type, args: level.args })
    walk.tables.push({ kind: 'class', caption, rows: properties.map((p) => row(p, walk.parameterOf)) })
    for (const property of properties) {
      for (const model of enumsIn(property.type)) {
        if (walk.enums.has(model)) continue
        walk.enums.add(model)
        walk.tables.push(enumTable(model))
      }
    }
  }
  // Types the request uses are not bound from its path, query or body on their own.
  const nestedWalk: Walk = { ...walk, parameterOf: () => 'form' }
  for (const property of used) {
    for (const nested of classesIn(property.type)) addClass(nested, nestedWalk)
  }
}

function row(property: ResolvedProperty, parameterOf: (property: PropertyModel) => string): ParameterRow {
  const model = property.model
  return {
    name: model.name,
    parameter: model.apiMember?.parameterType ?? parameterOf(model),
    dataType: model.apiMember?.dataType ?? displayName(property.type),
    required: model.isRequired,
    description: model.description,
  }
}

// Where a request property travels, as the page's sample request sends it: in the path
// when a route names it, else in the body or the query by the sample's verb.
function requestParameter(op: OperationModel): (property: PropertyModel) => string {
  const inPath = new Set(op.routes.flatMap((route) => [...route.bindings.values()]))
  const rest = sendsBody(sampleRoute(op).verb) ? 'body' : 'query'
  return (property) => (inPath.has(property) ? 'path' : rest)
}

function enumTable(model: EnumModel): EnumTable {
  const plain = model.members.every((m, i) => (model.isNumeric ? m.value === i : m.value === m.name))
  return {
    kind: 'enum',
    caption: model.name,
    members: model.members.map((m) => (plain ? { name: m.name } : { name: m.name, value: String(m.value) })),
  }
}

function enumsIn(type: TypeRef): EnumModel[] {
  switch (type.kind) {
    case 'enum':
      return [type.type]
    case 'list':
      return enumsIn(type.item)
    case 'map':
      return enumsIn(type.value)
    case 'nullable':
      return enumsIn(type.inner)
    case 'class':
      return type.args.flatMap(enumsIn)
    default:
      return []
  }
}
