/** Helpers over {@link TypeRef}s: generic substitution, property chains, display names. */
import type { ClassModel, ClassRef, EnumRef, PropertyModel, TypeRef } from './model'

/** A class in a property chain, with its properties' types closed over the arguments. */
export interface ChainLevel {
  readonly type: ClassModel
  readonly args: readonly TypeRef[]
  readonly properties: readonly ResolvedProperty[]
}

/** A property whose type has the type arguments of its class substituted. */
export interface ResolvedProperty {
  readonly model: PropertyModel
  readonly type: TypeRef
}

const chains = new WeakMap<ClassRef, readonly ChainLevel[]>()

/**
 * The class and its bases, most derived first, each with its own properties and their
 * types closed over the type arguments in force at that level.
 */
export function propertyChain(ref: ClassRef): readonly ChainLevel[] {
  let chain = chains.get(ref)
  if (!chain) {
    chain = buildChain(ref)
    chains.set(ref, chain)
  }
  return chain
}

function buildChain(ref: ClassRef): ChainLevel[] {
  const levels: ChainLevel[] = []
  let current: ClassRef | undefined = ref
  let bindings = new Map<string, TypeRef>()
  while (current) {
    const type: ClassModel = current.type
    const args = current.args.map((a) => substitute(a, bindings))
    const own = new Map(type.typeParams.map((p, i) => [p, args[i]!] as const))
    const properties = type.properties.map((model) => ({ model, type: substitute(model.type, own) }))
    levels.push({ type, args, properties })
    bindings = own
    current = type.base
  }
  return levels
}

type Lookup = ReadonlyMap<string, ResolvedProperty>
const lookups = new WeakMap<ClassRef, Lookup>()

/** Properties of a class by every name a client may use (key, JSON and XML names), lower-cased. */
export function propertyLookup(type: ClassRef): Lookup {
  let lookup = lookups.get(type)
  if (!lookup) {
    const map = new Map<string, ResolvedProperty>()
    // Base properties first, so a subclass's own property wins a name clash.
    for (const property of [...allProperties(type)].reverse()) {
      for (const name of [property.model.key, property.model.jsonName, property.model.xmlName]) {
        map.set(name.toLowerCase(), property)
      }
    }
    lookup = map
    lookups.set(type, lookup)
  }
  return lookup
}

/** Every property of a class: its own first, then its bases', as JSON orders them. */
export function allProperties(ref: ClassRef): readonly ResolvedProperty[] {
  let all = flattened.get(ref)
  if (!all) {
    all = propertyChain(ref).flatMap((level) => level.properties)
    flattened.set(ref, all)
  }
  return all
}

const flattened = new WeakMap<ClassRef, readonly ResolvedProperty[]>()

/** Replaces type parameters by their arguments. */
export function substitute(type: TypeRef, bindings: ReadonlyMap<string, TypeRef>): TypeRef {
  if (bindings.size === 0) return type
  switch (type.kind) {
    case 'param':
      return bindings.get(type.name) ?? type
    case 'list':
      return { kind: 'list', item: substitute(type.item, bindings) }
    case 'map':
      return { kind: 'map', value: substitute(type.value, bindings) }
    case 'nullable':
      return { kind: 'nullable', inner: substitute(type.inner, bindings) }
    case 'class':
      return type.args.length === 0
        ? type
        : { kind: 'class', type: type.type, args: type.args.map((a) => substitute(a, bindings)) }
    default:
      return type
  }
}

/** The ServiceStack/C#-style name of a type: `int?`, `List<string>`, `Dictionary<string, int>`. */
export function displayName(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name
    case 'enum':
      return type.type.name
    case 'class':
      return type.args.length === 0
        ? type.type.name
        : `${type.type.name}<${type.args.map(displayName).join(', ')}>`
    case 'list':
      return `List<${displayName(type.item)}>`
    case 'map':
      return `Dictionary<string, ${displayName(type.value)}>`
    case 'nullable':
      return `${displayName(type.inner)}?`
    case 'param':
      return type.name
  }
}

/** The type inside a `nullable`, or the type itself. */
export function unwrapNullable(type: TypeRef): TypeRef {
  return type.kind === 'nullable' ? type.inner : type
}

/**
 * The classes and enums a type reference names: itself, its type arguments, list items
 * and map values, to any depth (`List<Page<Order>>` → Page, Order).
 */
export function namedRefsIn(type: TypeRef): Array<ClassRef | EnumRef> {
  switch (type.kind) {
    case 'enum':
      return [type]
    case 'class':
      return [type, ...type.args.flatMap(namedRefsIn)]
    case 'list':
      return namedRefsIn(type.item)
    case 'map':
      return namedRefsIn(type.value)
    case 'nullable':
      return namedRefsIn(type.inner)
    default:
      return []
  }
}

/** The classes a type reference names, as {@link namedRefsIn} finds them. */
export function classesIn(type: TypeRef): ClassRef[] {
  return namedRefsIn(type).filter((ref): ref is ClassRef => ref.kind === 'class')
}

/**
 * Whether a type refers to a class hidden with `@ExcludeMetadata` (itself, its type
 * arguments, list items, map values): documents and generated DTOs leave out members of
 * such types, as they leave out the types.
 */
export function refersToHidden(type: TypeRef): boolean {
  return classesIn(type).some((ref) => ref.type.excludeMetadata)
}
