/**
 * What the contract decorators record, untouched. The registry reads these records once
 * at startup and builds the model from them; nothing else reads them.
 */
import type { RequestFilterFn, ResponseFilterFn, Verb } from './contracts'
import { kDtoClass, kDtoProperties, kServiceHandlers, kServiceRules } from './metadata-keys'
import type { TypeLike } from './types'

/** A `@Route` as declared. */
export interface RouteRecord {
  readonly path: string
  /** Verbs as written (`'GET'`, `'GET,POST'`, `'GET POST'`); absent means every verb. */
  readonly verbs?: string
  readonly summary?: string
  readonly notes?: string
}

/** Options of `@ApiMember`, as ServiceStack's attribute has them. */
export interface ApiMemberOptions {
  /** What the member is for, shown on metadata pages and in generated DTOs. */
  description?: string
  /** The member must be present: shown as required and enforced at binding. */
  isRequired?: boolean
  /** Where the member is sent (`path`, `query`, `body`, `form`, `header`). */
  parameterType?: string
  /** The data type to show instead of the declared one. */
  dataType?: string
  /** Leave the member out of the metadata pages. */
  excludeInSchema?: boolean
}

/** Options of `@DataMember`: the wire name and XML order of a member. */
export interface DataMemberOptions {
  /** The name on the wire (JSON, XML, JSV, CSV) instead of the derived one. */
  name?: string
  /** The XML order; members with an order follow those without, by order. */
  order?: number
  /** The member must be present. */
  isRequired?: boolean
  /** Write the member when it holds its default value. @default true */
  emitDefaultValue?: boolean
}

/** Everything recorded on one property. */
export interface PropertyRecord {
  readonly key: string
  type?: TypeLike
  required?: boolean
  apiMember?: ApiMemberOptions
  dataMember?: DataMemberOptions
}

/** The response declared on a request DTO or a service method. */
export interface ResponseRecord {
  /** The response type; absent for `@ReturnsVoid`. */
  readonly type?: TypeLike
  /** Declared as ServiceStack's `IReturn<T>`/`IReturnVoid` marker (shown to clients). */
  readonly marker: boolean
}

/** Everything recorded on a DTO class itself. */
export interface DtoClassRecord {
  routes: RouteRecord[]
  description?: string
  notes?: string
  namespace?: string
  dataContract?: { name?: string; namespace?: string }
  response?: ResponseRecord
  verb?: Verb
  typeParams?: string[]
  typeArgs?: TypeLike[]
  tags: string[]
  excludeMetadata?: boolean
}

/** Access rules and filters, recorded on a request DTO, a service class or a method. */
export interface RulesRecord {
  authenticate: boolean
  roles: string[]
  anyRoles: string[]
  permissions: string[]
  anyPermissions: string[]
  requestFilters: RequestFilterFn[]
  responseFilters: ResponseFilterFn[]
  /** A response type declared on a service method (`@ResponseType`, `@Returns`). */
  response?: ResponseRecord
}

/** A service method declared with `@Handles`. */
export interface HandlerRecord {
  readonly method: string
  /** The request DTO class when given explicitly; else read from the parameter type. */
  readonly request?: () => Function
}

type Bag = Record<PropertyKey, unknown>

function ownValue<T>(target: object, key: symbol, create: () => T): T {
  const bag = target as Bag
  if (!Object.hasOwn(bag, key)) {
    Object.defineProperty(bag, key, { value: create(), enumerable: false })
  }
  return bag[key] as T
}

function peek<T>(target: object, key: symbol): T | undefined {
  return Object.hasOwn(target, key) ? ((target as Bag)[key] as T) : undefined
}

/** @internal The record of a class, created on first use. */
export function classRecord(target: Function): DtoClassRecord {
  return ownValue<DtoClassRecord>(target, kDtoClass, () => ({ routes: [], tags: [] }))
}

/** @internal The record of one property of a class, created on first use. */
export function propertyRecord(target: Function, key: string): PropertyRecord {
  const properties = ownValue(target, kDtoProperties, () => new Map<string, PropertyRecord>())
  let record = properties.get(key)
  if (!record) {
    record = { key }
    properties.set(key, record)
  }
  return record
}

/** @internal The rules of a class (`member` absent) or of one of its methods. */
export function rulesRecord(target: Function, member?: string): RulesRecord {
  const rules = ownValue(target, kServiceRules, () => new Map<string | undefined, RulesRecord>())
  let record = rules.get(member)
  if (!record) {
    record = {
      authenticate: false,
      roles: [],
      anyRoles: [],
      permissions: [],
      anyPermissions: [],
      requestFilters: [],
      responseFilters: [],
    }
    rules.set(member, record)
  }
  return record
}

/** @internal The handler methods of a service class. */
export function handlerRecords(target: Function): HandlerRecord[] {
  return ownValue<HandlerRecord[]>(target, kServiceHandlers, () => [])
}

/** The class record, if the class itself was decorated. */
export function readClassRecord(target: Function): DtoClassRecord | undefined {
  return peek(target, kDtoClass)
}

/** The properties the class itself declares, in declaration order. */
export function readPropertyRecords(target: Function): PropertyRecord[] {
  return [...(peek<Map<string, PropertyRecord>>(target, kDtoProperties)?.values() ?? [])]
}

/** The rules recorded on a class or one of its methods. */
export function readRulesRecord(target: Function, member?: string): RulesRecord | undefined {
  return peek<Map<string | undefined, RulesRecord>>(target, kServiceRules)?.get(member)
}

/** The handlers the class itself declares. */
export function readHandlerRecords(target: Function): readonly HandlerRecord[] {
  return peek<HandlerRecord[]>(target, kServiceHandlers) ?? []
}
