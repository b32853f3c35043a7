/**
 * The decorators of a DTO contract. Each records what it is told and returns; the
 * registry checks and resolves everything at startup.
 */
// Loaded before any DTO class is defined: TypeScript's metadata helper silently drops
// design:type when Reflect.metadata does not exist yet.
import 'reflect-metadata'
import type { Verb } from './contracts'
import {
  classRecord,
  propertyRecord,
  rulesRecord,
  type ApiMemberOptions,
  type DataMemberOptions,
} from './records'
import { isTypeSpec, type TypeLike } from './types'

/** Options of `@Route` beyond its path. */
export interface RouteOptions {
  /** The verbs the route accepts (`'GET'`, `'GET,POST'`, `['PUT', 'PATCH']`). */
  verbs?: string | readonly string[]
  /** A one-line summary shown on the metadata page. */
  summary?: string
  /** Notes shown on the metadata page. */
  notes?: string
}

/** Options of `@Api`. */
export interface ApiOptions {
  /** What the operation or type is for. */
  description?: string
  /** Longer notes shown on the metadata page. */
  notes?: string
}

/** Options of `@Prop`. */
export interface PropOptions {
  /** The member must be present: shown as required and enforced at binding. */
  required?: boolean
}

/** Options of `@DataContract`. */
export interface DataContractOptions {
  /** The XML element name of the type instead of its class name. */
  name?: string
  /**
   * The XML namespace URI of the type. Defaults to
   * `http://schemas.datacontract.org/2004/07/<namespace>`.
   */
  namespace?: string
}

type AnyDecorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => void

/**
 * Declares a route of an operation. Repeatable; without verbs the route accepts every
 * verb. Path variables (`{token}`) and a trailing wildcard (`{path*}`) name properties.
 *
 * @example
 * @Route('/app/tokens', 'POST')
 * @Route('/app/tokens/{token}', { verbs: 'DELETE', summary: 'Delete a token' })
 */
export function Route(path: string, verbs?: string | readonly string[] | RouteOptions): ClassDecorator {
  const options: RouteOptions = typeof verbs === 'object' && !Array.isArray(verbs)
    ? (verbs as RouteOptions)
    : { verbs: verbs as string | readonly string[] | undefined }
  const joined = typeof options.verbs === 'string' ? options.verbs : options.verbs?.join(',')
  return (target) => {
    // Decorators run bottom-up; unshift keeps the routes in the order they are written.
    classRecord(target).routes.unshift({
      path,
      verbs: joined,
      summary: options.summary,
      notes: options.notes,
    })
  }
}

/**
 * Describes an operation or a type, for metadata pages and generated DTOs.
 *
 * @example
 * @Api("Create a new device token if it doesn't exist already")
 */
export function Api(description: string | ApiOptions): ClassDecorator {
  const options = typeof description === 'string' ? { description } : description
  return (target) => {
    const record = classRecord(target)
    record.description = options.description
    record.notes = options.notes
  }
}

/**
 * Puts a type in a namespace (`Voice.Api.App`), shown in metadata and used for its XML
 * namespace. Types without one use the application's default namespace.
 */
export function Namespace(namespace: string): ClassDecorator {
  return (target) => {
    classRecord(target).namespace = namespace
  }
}

/** Sets the XML element name or namespace URI of a type. */
export function DataContract(options: DataContractOptions = {}): ClassDecorator {
  return (target) => {
    classRecord(target).dataContract = { ...options }
  }
}

/** Tags an operation, for grouping in metadata and the `/api` index. Repeatable. */
export function Tag(...tags: string[]): ClassDecorator {
  return (target) => {
    classRecord(target).tags.push(...tags)
  }
}

/** Hides an operation or a type from metadata pages and generated DTOs. */
export function ExcludeMetadata(): ClassDecorator {
  return (target) => {
    classRecord(target).excludeMetadata = true
  }
}

/**
 * Declares the response type on the request DTO as ServiceStack's `IReturn<T>` marker:
 * generated clients learn it too.
 *
 * @example
 * @Returns(() => ListDeviceTokensResponse)
 * export class ListDeviceTokens implements IReturn<ListDeviceTokensResponse> {}
 */
export function Returns(type: TypeLike): ClassDecorator {
  return (target) => {
    classRecord(target).response = { type, marker: true }
  }
}

/** Declares an operation that answers no body (ServiceStack's `IReturnVoid`). */
export function ReturnsVoid(): ClassDecorator {
  return (target) => {
    classRecord(target).response = { marker: true }
  }
}

/**
 * Declares the response type without the return marker: the server knows it, generated
 * request classes do not implement `IReturn<T>`. Goes on the request DTO or on the
 * service method.
 */
export function ResponseType(type: TypeLike): AnyDecorator {
  return (target, key) => {
    if (key === undefined) {
      classRecord(target as Function).response = { type, marker: false }
      return
    }
    responseOfMethod(target, key, type)
  }
}

/**
 * Declares the operation's primary method, as ServiceStack's `IGet`/`IPost`/... markers
 * do: clients use it for `send()`. It does not restrict the verbs routes accept.
 */
export function Verb(verb: Verb): ClassDecorator {
  return (target) => {
    classRecord(target).verb = verb
  }
}

/** Declares the type parameters of a generic DTO, in order (`@TypeParams('T')`). */
export function TypeParams(...names: string[]): ClassDecorator {
  return (target) => {
    classRecord(target).typeParams = names
  }
}

/**
 * Gives the type arguments of a generic base class.
 *
 * @example
 * @TypeArgs(() => DeviceTokenEntry)
 * export class ListDeviceTokensResponse extends ListResponse<DeviceTokenEntry> {}
 */
export function TypeArgs(...args: TypeLike[]): ClassDecorator {
  return (target) => {
    classRecord(target).typeArgs = args
  }
}

/**
 * Declares a DTO property, with its type when `design:type` cannot tell it (numbers,
 * lists, maps, enums, nullables, references in cycles).
 *
 * @example
 * @Prop() token?: string
 * @Prop(t.int) page?: number
 * @Prop(t.enum(DeviceTypes)) deviceType?: DeviceTypes
 */
export function Prop(type?: TypeLike | PropOptions, options?: PropOptions): PropertyDecorator {
  const [spec, opts] = isPropOptions(type) ? [undefined, type] : [type, options]
  return (target, key) => {
    const record = propertyRecord(target.constructor, String(key))
    if (spec !== undefined) record.type = spec
    if (opts?.required !== undefined) record.required = opts.required
  }
}

/**
 * Documents a DTO property (ServiceStack's `[ApiMember]`) and declares it like `@Prop()`.
 *
 * @example
 * @ApiMember({ description: 'The device token to save' })
 * token?: string
 */
export function ApiMember(options: ApiMemberOptions = {}): PropertyDecorator {
  return (target, key) => {
    propertyRecord(target.constructor, String(key)).apiMember = { ...options }
  }
}

/** Sets the wire name, XML order or required flag of a property, and declares it. */
export function DataMember(options: DataMemberOptions = {}): PropertyDecorator {
  return (target, key) => {
    propertyRecord(target.constructor, String(key)).dataMember = { ...options }
  }
}

function isPropOptions(value: unknown): value is PropOptions {
  return (
    typeof value === 'object' &&
    value !== null &&
    !isTypeSpec(value) &&
    Object.keys(value).every((key) => key === 'required')
  )
}

function responseOfMethod(target: object, key: string | symbol, type: TypeLike): void {
  rulesRecord((target as { constructor: Function }).constructor, String(key)).response = {
    type,
    marker: false,
  }
}
