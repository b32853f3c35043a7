/**
 * The one model of an application: its operations and every type they use, fully
 * resolved. Routing, binding, formats, metadata pages and code generators read only this.
 */
import type { RequestFilterFn, ResponseFilterFn, Verb } from '../contract/contracts'
import type { ApiMemberOptions } from '../contract/records'
import type { EnumLike, PrimitiveName } from '../contract/types'
import type { RouteTemplate } from './route-template'

export type { PrimitiveName } from '../contract/types'

/** A reference to a type, as a property, a list item or a response uses it. */
export type TypeRef =
  | PrimitiveRef
  | EnumRef
  | ClassRef
  | { readonly kind: 'list'; readonly item: TypeRef }
  | { readonly kind: 'map'; readonly value: TypeRef }
  | { readonly kind: 'nullable'; readonly inner: TypeRef }
  | { readonly kind: 'param'; readonly name: string }

/** A primitive (`string`, `int`, `DateTime`, ...). */
export interface PrimitiveRef {
  readonly kind: 'primitive'
  readonly name: PrimitiveName
}

/** An enum type. */
export interface EnumRef {
  readonly kind: 'enum'
  readonly type: EnumModel
}

/** A DTO class, with type arguments when it is a generic definition. */
export interface ClassRef {
  readonly kind: 'class'
  readonly type: ClassModel
  readonly args: readonly TypeRef[]
}

/** Where a type lives on the wire. */
export interface XmlContract {
  /** The element name (the type name unless `@DataContract` renames it). */
  readonly name: string
  /** The namespace URI. */
  readonly namespace: string
}

/** An enum member: its name in the source and its value on the wire. */
export interface EnumMember {
  readonly name: string
  readonly value: string | number
}

/** A TypeScript enum as the model knows it. */
export interface EnumModel {
  readonly kind: 'enum'
  readonly name: string
  readonly namespace: string
  readonly description?: string
  readonly members: readonly EnumMember[]
  /** Numeric enums travel as integers, string enums by value. */
  readonly isNumeric: boolean
  readonly values: EnumLike
  readonly xml: XmlContract
}

/** A DTO class: request, response or any type they reference. */
export interface ClassModel {
  readonly kind: 'class'
  readonly name: string
  readonly namespace: string
  readonly ctor: new () => object
  /** Type parameters of a generic definition (`['T']`), else empty. */
  readonly typeParams: readonly string[]
  readonly base?: ClassRef
  /** The properties the class declares itself, in declaration order. */
  readonly properties: readonly PropertyModel[]
  readonly description?: string
  readonly notes?: string
  readonly xml: XmlContract
  /** Declared with `@DataContract`: its members are opted in with `@DataMember`. */
  readonly isDataContract: boolean
  /** One of ServiceStack's own types (errors, authentication). */
  readonly isBuiltIn: boolean
  /** Hidden from metadata pages and generated DTOs. */
  readonly excludeMetadata: boolean
}

/** A property of a DTO class. */
export interface PropertyModel {
  /** The TypeScript property name (`deviceType`). */
  readonly key: string
  /** The declared PascalCase name (`DeviceType`): metadata, field errors, Python. */
  readonly name: string
  /** The JSON and JSV key (`deviceType`). */
  readonly jsonName: string
  /** The XML element name (`DeviceType`). */
  readonly xmlName: string
  readonly type: TypeRef
  readonly description?: string
  readonly isRequired: boolean
  /** The XML order from `@DataMember({ order })`. */
  readonly order?: number
  readonly emitDefaultValue: boolean
  readonly apiMember?: Readonly<ApiMemberOptions>
}

/** A route of an operation. */
export interface RouteModel {
  readonly path: string
  /** Upper-case verbs; absent when the route accepts every verb. */
  readonly verbs?: readonly string[]
  readonly summary?: string
  readonly notes?: string
  readonly template: RouteTemplate
  /** The property each path variable binds to, by variable name. */
  readonly bindings: ReadonlyMap<string, PropertyModel>
}

/** Who may call an operation: the merged rules of its DTO, service and method. */
export interface AuthRules {
  readonly requiresAuth: boolean
  readonly roles: readonly string[]
  readonly anyRoles: readonly string[]
  readonly permissions: readonly string[]
  readonly anyPermissions: readonly string[]
}

/** A service class that handles operations. */
export interface ServiceModel {
  readonly name: string
  readonly ctor: new (deps: never) => object
}

/** One handler method of an operation, for one verb or `ANY`. */
export interface HandlerModel {
  readonly verb: Verb | 'ANY'
  readonly service: ServiceModel
  readonly method: string
}

/** An operation: one request DTO and everything needed to serve it. */
export interface OperationModel {
  readonly name: string
  readonly request: ClassModel
  /** The request as a type reference, made once: per-type caches are keyed by it. */
  readonly requestRef: ClassRef
  /** The response type; absent for void operations and those that declare none. */
  readonly response?: TypeRef
  readonly returnsVoid: boolean
  /** The return marker the request declares (`IReturn<T>`, `IReturnVoid`), if any. */
  readonly returnMarker?: 'IReturn' | 'IReturnVoid'
  /** The primary method, for clients' `send()` and generated `getMethod()`. */
  readonly method: Verb
  /** Verb marker declared with `@Verb`, if any. */
  readonly verbMarker?: Verb
  readonly routes: readonly RouteModel[]
  readonly auth: AuthRules
  readonly tags: readonly string[]
  /** Handlers by verb (`GET`, ..., `ANY`). */
  readonly handlers: ReadonlyMap<string, HandlerModel>
  readonly requestFilters: readonly RequestFilterFn[]
  readonly responseFilters: readonly ResponseFilterFn[]
  /** The DTO that carries errors: the response if it has `responseStatus`, else ErrorResponse. */
  readonly errorType: ClassRef
}
