/**
 * Explicit property types, for everything `design:type` cannot tell: numbers (int or
 * double?), lists, maps, enums, nullables and references that form cycles.
 */
import { kTypeSpec } from './metadata-keys'

/** A class constructor, as DTO types are referenced. */
export type Class<T = object> = abstract new (...args: never[]) => T

/** A TypeScript enum object (string or numeric). */
export type EnumLike = Readonly<Record<string, string | number>>

/** The primitive types of the model, named as ServiceStack's metadata names them. */
export type PrimitiveName =
  | 'string'
  | 'int'
  | 'long'
  | 'double'
  | 'decimal'
  | 'bool'
  | 'DateTime'
  | 'TimeSpan'
  | 'Guid'
  | 'byte[]'

/** A type description built with {@link t}. */
export type TypeSpec =
  | { readonly [kTypeSpec]: true; readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly [kTypeSpec]: true; readonly kind: 'enum'; readonly values: EnumLike | (() => EnumLike) }
  | {
      readonly [kTypeSpec]: true
      readonly kind: 'ref'
      readonly type: () => Class
      readonly args: readonly TypeLike[]
    }
  | { readonly [kTypeSpec]: true; readonly kind: 'list'; readonly item: TypeLike }
  | { readonly [kTypeSpec]: true; readonly kind: 'map'; readonly value: TypeLike }
  | { readonly [kTypeSpec]: true; readonly kind: 'nullable'; readonly inner: TypeLike }
  | { readonly [kTypeSpec]: true; readonly kind: 'param'; readonly name: string }

/**
 * Anything that names a type: a {@link TypeSpec}, a DTO class, a thunk returning a class or
 * an enum (`() => Other`, for references that form cycles), or an enum object.
 */
export type TypeLike = TypeSpec | Class | (() => Class | EnumLike) | EnumLike

/** Whether a value is a {@link TypeSpec} built by {@link t}. */
export function isTypeSpec(value: unknown): value is TypeSpec {
  return typeof value === 'object' && value !== null && kTypeSpec in value
}

function primitive(name: PrimitiveName): TypeSpec {
  return Object.freeze({ [kTypeSpec]: true as const, kind: 'primitive' as const, name })
}

/**
 * Builders of explicit types for `@Prop`, `@Returns`, `@TypeArgs` and friends.
 *
 * @example
 * class Order {
 *   @Prop(t.int) quantity?: number
 *   @Prop(t.list(() => OrderLine)) lines?: OrderLine[]
 *   @Prop(t.map(t.string)) labels?: Record<string, string>
 *   @Prop(t.nullable(t.dateTime)) shippedAt?: Date | null
 * }
 */
export const t = {
  /** Text. */
  string: primitive('string'),
  /** A 32-bit signed integer. */
  int: primitive('int'),
  /** A 64-bit integer, exact up to 2^53 in JavaScript. */
  long: primitive('long'),
  /** A double-precision number. */
  double: primitive('double'),
  /** A decimal number (held as a JavaScript number). */
  decimal: primitive('decimal'),
  /** `true` or `false`. */
  bool: primitive('bool'),
  /** An instant, held as a `Date`. */
  dateTime: primitive('DateTime'),
  /** A duration, held as a number of milliseconds. */
  timeSpan: primitive('TimeSpan'),
  /** A GUID, held as a lower-case string with dashes. */
  guid: primitive('Guid'),
  /** Bytes, held as a `Buffer` and written as base64. */
  bytes: primitive('byte[]'),
  /** A TypeScript enum; string enums travel by member value, numeric ones as integers. */
  enum(values: EnumLike | (() => EnumLike)): TypeSpec {
    return Object.freeze({ [kTypeSpec]: true as const, kind: 'enum' as const, values })
  },
  /** A DTO class, possibly generic with type arguments (`t.ref(() => Page, () => Item)`). */
  ref(type: () => Class, ...args: TypeLike[]): TypeSpec {
    return Object.freeze({ [kTypeSpec]: true as const, kind: 'ref' as const, type, args })
  },
  /** A list of items. */
  list(item: TypeLike): TypeSpec {
    return Object.freeze({ [kTypeSpec]: true as const, kind: 'list' as const, item })
  },
  /** A map from string keys to values. */
  map(value: TypeLike): TypeSpec {
    return Object.freeze({ [kTypeSpec]: true as const, kind: 'map' as const, value })
  },
  /** A value type that may also be null (`int?` in ServiceStack's terms). */
  nullable(inner: TypeLike): TypeSpec {
    return Object.freeze({ [kTypeSpec]: true as const, kind: 'nullable' as const, inner })
  },
  /** A type parameter of a generic DTO declared with `@TypeParams`. */
  param(name: string): TypeSpec {
    return Object.freeze({ [kTypeSpec]: true as const, kind: 'param' as const, name })
  },
} as const
