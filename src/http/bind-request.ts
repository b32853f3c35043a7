/**
 * Builds the request DTO of an operation from its sources, with ServiceStack's
 * precedence: on a DTO's own routes the body is overridden by path variables, then the
 * query string, then form fields; on pre-defined routes the query string only fills what
 * the body left unset.
 */
import { ApiError, type FieldError } from '../errors/api-error'
import type { ParsedBody } from '../formats/format'
import type { ClassRef, OperationModel, RouteModel } from '../registry/model'
import { propertyLookup } from '../registry/type-utils'
import { ConvertContext, convertObject, convertValue, type ConvertLimits } from './convert-value'

/** Everything a request DTO can be bound from. */
export interface RequestSources {
  /** The parsed body, if the request had one (forms excluded). */
  readonly body?: ParsedBody
  /** Form fields, for form-encoded bodies. */
  readonly form?: Readonly<Record<string, string | string[]>>
  /** The query string. */
  readonly query: Readonly<Record<string, string | string[] | undefined>>
  /** The matched route of the DTO and its variables; absent on pre-defined routes. */
  readonly route?: { readonly model: RouteModel; readonly values: Readonly<Record<string, string>> }
}

/** A bound request DTO and the fields that could not be bound into it. */
export interface BoundRequest {
  readonly dto: object
  /** Values that did not fit their type; the DTO leaves those members unset. */
  readonly errors: readonly FieldError[]
}

/**
 * Binds and converts a request DTO. Values that do not fit their type are reported and
 * left unset, so validation can still judge the rest; a body that is no object at all is
 * a 400 at once.
 */
export function bindRequest(op: OperationModel, sources: RequestSources, limits: ConvertLimits): BoundRequest {
  const type: ClassRef = op.requestRef
  const ctx = new ConvertContext(limits)
  const body = sources.body?.value
  const instance = (body === undefined
    ? new op.request.ctor()
    : convertObject(body, type, '', { ctx, textual: sources.body!.textual, depth: 0 })) as
    | Record<string, unknown>
    | undefined

  if (instance) {
    if (sources.route) {
      applyPath(instance, sources.route, ctx)
      applyStrings(instance, type, sources.query, { ctx, onlyUnset: false })
      if (sources.form) applyStrings(instance, type, sources.form, { ctx, onlyUnset: false })
    } else {
      if (sources.form) applyStrings(instance, type, sources.form, { ctx, onlyUnset: false })
      applyStrings(instance, type, sources.query, { ctx, onlyUnset: true })
    }
  }
  if (!instance) throw bindingError(op.name, ctx.errors)
  return { dto: instance, errors: ctx.errors }
}

/** The 400 of a request whose values do not fit its DTO. */
export function bindingError(operation: string, fieldErrors: readonly FieldError[]): ApiError {
  return new ApiError('SerializationException', `Unable to bind to request '${operation}'`, { fieldErrors })
}

function applyPath(
  instance: Record<string, unknown>,
  route: NonNullable<RequestSources['route']>,
  ctx: ConvertContext,
): void {
  for (const variable in route.values) {
    const text = route.values[variable]!
    const property = route.model.bindings.get(variable)
    if (!property || text === '') continue
    const value = convertValue(text, property.type, property.name, { ctx, textual: true, depth: 0 })
    if (value !== undefined) instance[property.key] = value
  }
}

function applyStrings(
  instance: Record<string, unknown>,
  type: ClassRef,
  values: Readonly<Record<string, string | string[] | undefined>>,
  options: { ctx: ConvertContext; onlyUnset: boolean },
): void {
  const lookup = propertyLookup(type)
  for (const key of Object.keys(values)) {
    const property = lookup.get(key.toLowerCase())
    const raw = values[key]
    if (!property || raw === undefined) continue
    if (options.onlyUnset && instance[property.model.key] !== undefined) continue
    const listType = property.type.kind === 'list' || property.type.kind === 'nullable' && property.type.inner.kind === 'list'
    const text = Array.isArray(raw) ? (listType ? raw.filter((s) => s !== '') : raw.join(',')) : raw
    if (text === '' || (Array.isArray(text) && text.length === 0)) continue
    const value = convertValue(text, property.type, property.model.name, { ctx: options.ctx, textual: true, depth: 0 })
    if (value !== undefined) instance[property.model.key] = value
  }
}
