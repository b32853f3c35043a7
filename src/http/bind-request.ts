/**
 * Builds the request DTO of an operation from its sources, with ServiceStack's
 * precedence: on a DTO's own routes the body is overridden by path variables, then the
 * query string, then form fields; on pre-defined routes the query string only fills what
 * the body left unset.
 */
import { ApiError } from '../errors/api-error'
import type { ParsedBody } from '../formats/format'
import type { ClassRef, OperationModel, RouteModel } from '../registry/model'
import { ConvertContext, convertObject, convertValue, propertyLookup, type ConvertLimits } from './convert-value'

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

/** Binds and converts a request DTO, or throws a 400 naming every failing field. */
export function bindRequest(op: OperationModel, sources: RequestSources, limits: ConvertLimits): object {
  const type: ClassRef = { kind: 'class', type: op.request, args: [] }
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
  if (ctx.errors.length > 0 || !instance) {
    throw new ApiError('SerializationException', `Unable to bind to request '${op.name}'`, {
      fieldErrors: ctx.errors,
    })
  }
  return instance
}

function applyPath(
  instance: Record<string, unknown>,
  route: NonNullable<RequestSources['route']>,
  ctx: ConvertContext,
): void {
  for (const [variable, text] of Object.entries(route.values)) {
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
