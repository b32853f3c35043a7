/**
 * Turns decorated classes, enums and type declarations into model types, once each,
 * with definition errors that name `Class.property` when a type cannot be determined.
 */
import 'reflect-metadata'
import { readClassRecord, readPropertyRecords, type PropertyRecord } from '../contract/records'
import { isTypeSpec, type EnumLike, type TypeLike, type TypeSpec } from '../contract/types'
import { DefinitionError } from '../errors/definition-error'
import { rulesMetadataOf } from './class-validator'
import type { ClassModel, ClassRef, EnumModel, PropertyModel, TypeRef } from './model'
import { toCamelCase, toPascalCase } from './names'

/** Settings of the resolver that come from the application. */
export interface ResolveOptions {
  /** The namespace of types that declare none. */
  readonly namespace: string
  /** The base of XML namespace URIs: `http://schemas.datacontract.org/2004/07/`. */
  readonly xmlNamespaceBase: string
  /** Names of enum objects, from the exports of the scanned modules. */
  readonly enumNames: ReadonlyMap<object, string>
  /** Classes that are ServiceStack's own types. */
  readonly builtIns: ReadonlySet<Function>
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const valueTypes = new Set(['int', 'long', 'double', 'decimal', 'bool', 'DateTime', 'TimeSpan', 'Guid'])

/** Resolves types on demand and remembers every class and enum it has met. */
// Keys that rewrite an object's prototype: bodies holding them are refused, so no member may use one.
const forbiddenWireNames = new Set(['__proto__', 'constructor', 'prototype'])

export class TypeResolver {
  readonly classes = new Map<Function, ClassModel>()
  readonly enums = new Map<object, EnumModel>()
  private readonly pending: Array<() => void> = []

  constructor(private readonly options: ResolveOptions) {}

  /** Whether a class, or a class it extends, carries any dtostack record (it is a DTO). */
  static isDto(ctor: Function): boolean {
    for (let c: Function = ctor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      if (readClassRecord(c) !== undefined || readPropertyRecords(c).length > 0) return true
    }
    return false
  }

  /** The model of a class; its properties are filled in by {@link drain}. */
  classModel(ctor: Function): ClassModel {
    const known = this.classes.get(ctor)
    if (known) return known
    if (!ctor.name) {
      throw new DefinitionError('DEF_TYPE_UNRESOLVED', 'an anonymous class cannot be a DTO: give it a name')
    }
    const record = readClassRecord(ctor)
    const namespace = record?.namespace ?? this.options.namespace
    const model: Mutable<ClassModel> = {
      kind: 'class',
      name: ctor.name,
      namespace,
      ctor: ctor as new () => object,
      typeParams: record?.typeParams ?? [],
      properties: [],
      description: record?.description,
      notes: record?.notes,
      xml: {
        name: record?.dataContract?.name ?? ctor.name,
        namespace: record?.dataContract?.namespace ?? this.options.xmlNamespaceBase + namespace,
      },
      isDataContract: record?.dataContract !== undefined,
      isBuiltIn: this.options.builtIns.has(ctor),
      excludeMetadata: record?.excludeMetadata ?? false,
    }
    this.classes.set(ctor, model)
    this.pending.push(() => this.fill(model, ctor))
    return model
  }

  /** Resolves the properties and bases of every class met so far, and of those they meet. */
  drain(): void {
    for (let job = this.pending.shift(); job; job = this.pending.shift()) job()
  }

  /** Resolves a declared type; `where` names the declaration for error messages. */
  resolve(type: TypeLike, where: string, params: readonly string[] = []): TypeRef {
    if (isTypeSpec(type)) return this.resolveSpec(type, where, params)
    if (typeof type === 'function') return this.resolveFunction(type, where, [])
    throw new DefinitionError(
      'DEF_TYPE_UNRESOLVED',
      `type of '${where}' is a plain object: declare enums as t.enum(${'Enum'}) and classes as () => Class`,
    )
  }

  private resolveSpec(spec: TypeSpec, where: string, params: readonly string[]): TypeRef {
    switch (spec.kind) {
      case 'primitive':
        return { kind: 'primitive', name: spec.name }
      case 'enum': {
        const values = typeof spec.values === 'function' ? spec.values() : spec.values
        return { kind: 'enum', type: this.enumModel(values, where) }
      }
      case 'ref':
        return this.resolveFunction(spec.type, where, spec.args.map((a) => this.resolve(a, where, params)))
      case 'list':
        return { kind: 'list', item: this.resolve(spec.item, where, params) }
      case 'map':
        return { kind: 'map', value: this.resolve(spec.value, where, params) }
      case 'nullable': {
        const inner = this.resolve(spec.inner, where, params)
        return isValueType(inner) ? { kind: 'nullable', inner } : inner
      }
      case 'param':
        if (!params.includes(spec.name)) {
          throw new DefinitionError(
            'DEF_GENERIC_ARGS',
            `'${where}' uses type parameter '${spec.name}', which its class does not declare with @TypeParams`,
          )
        }
        return { kind: 'param', name: spec.name }
    }
  }

  private resolveFunction(fn: Function, where: string, args: TypeRef[]): TypeRef {
    let target: unknown = fn
    if (!isClass(fn)) {
      target = (fn as () => unknown)()
      if (target === undefined) {
        throw new DefinitionError(
          'DEF_TYPE_UNRESOLVED',
          `type thunk of '${where}' returned undefined: the module that declares it has not loaded yet (a circular import?)`,
        )
      }
    }
    if (typeof target === 'object' && target !== null) {
      return { kind: 'enum', type: this.enumModel(target as EnumLike, where) }
    }
    if (typeof target !== 'function' || !isClass(target)) {
      throw new DefinitionError('DEF_TYPE_UNRESOLVED', `type of '${where}' is neither a class nor an enum`)
    }
    return this.classRef(target, args, where)
  }

  /** A reference to a class, checking its type arguments. */
  classRef(ctor: Function, args: readonly TypeRef[], where: string): ClassRef {
    const primitive = primitiveOfClass(ctor)
    if (primitive) {
      throw new DefinitionError('DEF_TYPE_AMBIGUOUS', `type of '${where}' is ${ctor.name}: use t.${primitive}`)
    }
    const type = this.classModel(ctor)
    if (type.typeParams.length !== args.length) {
      throw new DefinitionError(
        'DEF_GENERIC_ARGS',
        `'${where}' uses '${type.name}' with ${args.length} type argument(s) but it declares ${type.typeParams.length}`,
      )
    }
    return { kind: 'class', type, args }
  }

  /** The model of an enum object. */
  enumModel(values: EnumLike, where: string): EnumModel {
    const known = this.enums.get(values)
    if (known) return known
    const name = this.options.enumNames.get(values)
    if (!name) {
      throw new DefinitionError(
        'DEF_ENUM_UNNAMED',
        `enum of '${where}' has no name: export it from a module given to dtostack`,
      )
    }
    const numeric = Object.values(values).filter((v) => typeof v === 'number')
    const members = numeric.length > 0
      ? Object.entries(values).filter(([, v]) => typeof v === 'number').map(([n, v]) => ({ name: n, value: v }))
      : Object.entries(values).map(([n, v]) => ({ name: n, value: v }))
    if (members.length === 0 || members.some((m) => typeof m.value !== typeof members[0]!.value)) {
      throw new DefinitionError('DEF_ENUM_INVALID', `enum '${name}' must have members, all strings or all numbers`)
    }
    const namespace = this.options.namespace
    const model: EnumModel = {
      kind: 'enum',
      name,
      namespace,
      members,
      isNumeric: numeric.length > 0,
      values,
      xml: { name, namespace: this.options.xmlNamespaceBase + namespace },
    }
    this.enums.set(values, model)
    return model
  }

  private fill(model: Mutable<ClassModel>, ctor: Function): void {
    const record = readClassRecord(ctor)
    const baseCtor = Object.getPrototypeOf(ctor) as Function
    if (baseCtor !== Function.prototype && TypeResolver.isDto(baseCtor)) {
      const where = `${model.name} (base class)`
      const args = (record?.typeArgs ?? []).map((a) => this.resolve(a, where, model.typeParams))
      model.base = this.classRef(baseCtor, args, where)
    } else if (record?.typeArgs) {
      throw new DefinitionError('DEF_GENERIC_ARGS', `'${model.name}' has @TypeArgs but no decorated generic base class`)
    }
    model.properties = readPropertyRecords(ctor).map((p) => this.property(model, ctor, p))
    assertAllDeclared(model, ctor)
  }

  private property(owner: ClassModel, ctor: Function, record: PropertyRecord): PropertyModel {
    const where = `${owner.name}.${record.key}`
    const type = record.type !== undefined
      ? this.resolve(record.type, where, owner.typeParams)
      : this.fromDesignType(ctor, record.key, where)
    const name = toPascalCase(record.key)
    const wireName = record.dataMember?.name
    if (wireName !== undefined && forbiddenWireNames.has(wireName)) {
      throw new DefinitionError('DEF_PROPERTY_NAME', `'${where}' cannot travel as '${wireName}': that key is refused in every request body`)
    }
    return {
      key: record.key,
      name,
      jsonName: wireName ?? toCamelCase(name),
      xmlName: wireName ?? name,
      type,
      description: record.apiMember?.description,
      isRequired: Boolean(record.required || record.apiMember?.isRequired || record.dataMember?.isRequired),
      order: record.dataMember?.order,
      emitDefaultValue: record.dataMember?.emitDefaultValue ?? true,
      apiMember: record.apiMember,
    }
  }

  private fromDesignType(ctor: Function, key: string, where: string): TypeRef {
    if (!Reflect.hasOwnMetadata('design:type', ctor.prototype, key)) {
      throw new DefinitionError(
        'DEF_TYPE_UNRESOLVED',
        `type of '${where}' has no metadata: compile with "experimentalDecorators" and "emitDecoratorMetadata", or declare it with @Prop(...)`,
      )
    }
    const designType: unknown = Reflect.getOwnMetadata('design:type', ctor.prototype, key)
    if (designType === String) return { kind: 'primitive', name: 'string' }
    if (designType === Boolean) return { kind: 'primitive', name: 'bool' }
    if (designType === Date) return { kind: 'primitive', name: 'DateTime' }
    if (designType === Buffer || designType === Uint8Array) return { kind: 'primitive', name: 'byte[]' }
    if (designType === undefined) {
      throw new DefinitionError(
        'DEF_TYPE_UNRESOLVED',
        `type of '${where}' is not known at load time (declared later, or a circular import): declare it with @Prop(() => Type)`,
      )
    }
    const hint = ambiguityHint(designType)
    if (hint) {
      throw new DefinitionError('DEF_TYPE_AMBIGUOUS', `type of '${where}' is ambiguous: ${hint}`)
    }
    return this.classRef(designType as Function, [], where)
  }
}

function ambiguityHint(designType: unknown): string | undefined {
  if (designType === Number) {
    return 'a number may be an int, long, double or decimal (or a numeric enum): declare it, e.g. @Prop(t.int)'
  }
  if (designType === Array) return 'declare the item type, e.g. @Prop(t.list(t.string))'
  if (designType === Object) {
    return (
      'a union, map, nullable or interface type, or a class from a module that imports this one: ' +
      'declare it, e.g. @Prop(t.map(t.string)), @Prop(t.nullable(t.int)) or @Prop(() => Other)'
    )
  }
  if (typeof designType !== 'function' || !isClass(designType)) return 'declare it with @Prop(...)'
  if ([Map, Set, Promise, Function, Symbol, BigInt, RegExp].includes(designType as never)) {
    return `${(designType as Function).name} is not a DTO type: declare it with @Prop(...)`
  }
  return undefined
}

function primitiveOfClass(ctor: Function): string | undefined {
  if (ctor === String) return 'string'
  if (ctor === Boolean) return 'bool'
  if (ctor === Number) return 'int or t.double'
  if (ctor === Date) return 'dateTime'
  return undefined
}

function isClass(fn: Function): boolean {
  return typeof fn.prototype === 'object' && fn.prototype !== null && fn.prototype.constructor === fn
}

/** Whether a type is a value type in ServiceStack's sense (it has a nullable form). */
export function isValueType(type: TypeRef): boolean {
  return (type.kind === 'primitive' && valueTypes.has(type.name)) || type.kind === 'enum'
}

// A property that only class-validator decorates, or one that only has an initializer,
// would silently be left out of the contract: both stop startup instead.
function assertAllDeclared(model: ClassModel, ctor: Function): void {
  const declared = new Set<string>()
  for (let c: Function = ctor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const p of readPropertyRecords(c)) declared.add(p.key)
  }
  const validated = rulesMetadataOf(ctor).map((m) => m.propertyName)
  const missing = validated.find((key) => !declared.has(key))
  if (missing) {
    throw new DefinitionError(
      'DEF_TYPE_UNDECLARED_PROPERTY',
      `property '${model.name}.${missing}' has validation rules but is not declared: add @Prop() or @ApiMember()`,
    )
  }
  const instance = construct(model, ctor)
  const initialised = Object.keys(instance).find((key) => !declared.has(key))
  if (initialised) {
    throw new DefinitionError(
      'DEF_TYPE_UNDECLARED_PROPERTY',
      `property '${model.name}.${initialised}' has an initial value but is not declared: add @Prop()`,
    )
  }
}

function construct(model: ClassModel, ctor: Function): object {
  try {
    return new (ctor as new () => object)()
  } catch (cause) {
    const error = new DefinitionError(
      'DEF_TYPE_NOT_CONSTRUCTIBLE',
      `DTO '${model.name}' cannot be constructed without arguments: ${(cause as Error).message}`,
    )
    throw Object.assign(error, { cause })
  }
}
