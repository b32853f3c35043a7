/**
 * Which types a generated file holds, and in which order: the operations asked for, every
 * type they reach (properties, bases, generic arguments, responses), each once, each after
 * the types it depends on, the requests last.
 */
import type { ClassModel, ClassRef, EnumModel, OperationModel, PropertyModel, TypeRef } from '../registry/model'
import type { Registry } from '../registry/registry'
import { allProperties, namedRefsIn, refersToHidden } from '../registry/type-utils'
import type { CodegenOptions } from './options'

/** A type to emit. */
export type EmittedType = ClassModel | EnumModel

/** The selected types in emission order, and the operations of the requests among them. */
export interface Selection {
  readonly types: readonly EmittedType[]
  readonly operations: ReadonlyMap<ClassModel, OperationModel>
  /** Marker interfaces the requests implement (`IGet`, `IPost`, ...), in first-use order. */
  readonly markers: readonly string[]
  /** With `AddResponseStatus`: the responses given a `responseStatus` member, and its type. */
  readonly addResponseStatus: ReadonlySet<ClassModel>
  readonly responseStatus?: ClassModel
}

/** Selects and orders the types of a registry for a generated file. */
export function selectTypes(registry: Registry, options: CodegenOptions, skip: (type: EmittedType) => boolean): Selection {
  const visible = registry.operations.filter((op) => !op.request.excludeMetadata)
  const operations = new Map(visible.map((op) => [op.request, op] as const))
  const roots = rootsOf(registry, visible, options)
  const excluded = new Set(options.excludeTypes)
  const keep = (type: EmittedType) => !excluded.has(type.name) && !skip(type) && !(type.kind === 'class' && type.excludeMetadata)

  const reached: EmittedType[] = []
  const seen = new Set<EmittedType>()
  const visit = (type: EmittedType, deep: boolean) => {
    if (seen.has(type)) return
    seen.add(type)
    reached.push(type)
    if (deep) for (const dep of dependenciesOf(type, operations)) visit(dep, true)
  }
  for (const root of roots) visit(root.type, root.deep)
  const lacking = options.addResponseStatus ? responsesLackingStatus(reached.filter(keep), operations) : new Set<ClassModel>()
  const responseStatus = lacking.size > 0 ? registry.type('ResponseStatus') : undefined
  if (responseStatus) visit(responseStatus, true)

  const ordered = phaseOrder(reached.filter(keep), operations)
  return {
    types: dependencySort(ordered, operations),
    operations,
    markers: markersOf(ordered, operations),
    addResponseStatus: responseStatus ? lacking : new Set(),
    responseStatus: responseStatus?.kind === 'class' ? responseStatus : undefined,
  }
}

// The responses without a `responseStatus` member, leaving out those whose base gets one.
function responsesLackingStatus(types: readonly EmittedType[], operations: ReadonlyMap<ClassModel, OperationModel>): Set<ClassModel> {
  const responses = new Set<ClassModel>()
  for (const op of operations.values()) if (op.response?.kind === 'class') responses.add(op.response.type)
  const lacking = new Set<ClassModel>()
  for (const type of types) {
    if (type.kind !== 'class' || !responses.has(type)) continue
    const self: ClassRef = { kind: 'class', type, args: type.typeParams.map((name) => ({ kind: 'param', name })) }
    if (!allProperties(self).some((p) => p.model.key === 'responseStatus')) lacking.add(type)
  }
  for (const type of [...lacking]) {
    for (let base = type.base; base; base = base.type.base) if (lacking.has(base.type)) lacking.delete(type)
  }
  return lacking
}

interface Root {
  readonly type: EmittedType
  readonly deep: boolean
}

function rootsOf(registry: Registry, operations: readonly OperationModel[], options: CodegenOptions): Root[] {
  if (options.includeTypes.length === 0) return operations.map((op) => ({ type: op.request, deep: true }))
  const roots: Root[] = []
  for (const item of options.includeTypes) {
    const tags = /^\{(.+)\}$/.exec(item)?.[1]?.split(',').map((s) => s.trim())
    if (tags) {
      for (const op of operations) if (op.tags.some((t) => tags.includes(t))) roots.push({ type: op.request, deep: true })
      continue
    }
    const deep = item.endsWith('.*')
    const type = registry.type(deep ? item.slice(0, -2) : item)
    if (type) roots.push({ type, deep })
  }
  return roots
}

/** The types a type needs: its base and its arguments, its members' types, its response. */
export function dependenciesOf(type: EmittedType, operations: ReadonlyMap<ClassModel, OperationModel>): EmittedType[] {
  if (type.kind === 'enum') return []
  const refs: TypeRef[] = []
  if (type.base) refs.push(type.base)
  for (const property of type.properties) if (!refersToHidden(property.type)) refs.push(property.type)
  const response = operations.get(type)?.response
  if (response) refs.push(response)
  return refs.flatMap(namedTypesOf)
}

/** The named types inside a reference (`List<Page<Order>>` → Page, Order). */
export function namedTypesOf(ref: TypeRef): EmittedType[] {
  return namedRefsIn(ref).map((named) => named.type)
}

// Other types first (bases before subclasses), then responses, then requests.
function phaseOrder(types: readonly EmittedType[], operations: ReadonlyMap<ClassModel, OperationModel>): EmittedType[] {
  const responses = new Set<EmittedType>()
  for (const op of operations.values()) if (op.response?.kind === 'class') responses.add(op.response.type)
  const isRequest = (t: EmittedType) => t.kind === 'class' && operations.has(t)
  const others = types.filter((t) => !isRequest(t) && !responses.has(t))
  return [...others, ...types.filter((t) => responses.has(t) && !isRequest(t)), ...types.filter(isRequest)]
}

// Before each type, the types it depends on that are not out yet (depth first); a cycle is
// broken where it closes, and the generators quote such forward references.
function dependencySort(types: readonly EmittedType[], operations: ReadonlyMap<ClassModel, OperationModel>): EmittedType[] {
  const selected = new Set(types)
  const out: EmittedType[] = []
  const state = new Map<EmittedType, 'visiting' | 'done'>()
  const visit = (type: EmittedType) => {
    if (state.has(type)) return
    state.set(type, 'visiting')
    for (const dep of dependenciesOf(type, operations)) if (selected.has(dep)) visit(dep)
    state.set(type, 'done')
    out.push(type)
  }
  for (const type of types) visit(type)
  return out
}

function markersOf(types: readonly EmittedType[], operations: ReadonlyMap<ClassModel, OperationModel>): string[] {
  const markers = new Set<string>()
  for (const type of types) {
    const op = type.kind === 'class' ? operations.get(type) : undefined
    if (op?.verbMarker) markers.add(verbMarker(op.verbMarker))
  }
  return [...markers]
}

/** `GET` → `IGet`. */
export function verbMarker(verb: string): string {
  return `I${verb[0]}${verb.slice(1).toLowerCase()}`
}

/** The `responseStatus` member `AddResponseStatus` adds to a response. */
export function responseStatusMember(type: ClassModel): PropertyModel {
  return {
    key: 'responseStatus',
    name: 'ResponseStatus',
    jsonName: 'responseStatus',
    xmlName: 'ResponseStatus',
    type: { kind: 'class', type, args: [] },
    isRequired: false,
    emitDefaultValue: true,
  }
}
