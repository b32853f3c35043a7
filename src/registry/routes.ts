/** Turns `@Route` records into route models bound to their DTO's properties. */
import type { RouteRecord } from '../contract/records'
import { DefinitionError } from '../errors/definition-error'
import type { ClassModel, PropertyModel, RouteModel } from './model'
import { parseRouteTemplate, RouteSyntaxError, type RouteTemplate } from './route-template'
import { allProperties } from './type-utils'

const knownVerbs = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

/** Builds a route of a request DTO, checking its path and its variables. */
export function buildRoute(request: ClassModel, record: RouteRecord): RouteModel {
  const template = parseTemplate(request, record.path)
  return {
    path: record.path,
    verbs: parseVerbs(request, record),
    summary: record.summary,
    notes: record.notes,
    template,
    bindings: bindVariables(request, record.path, template),
  }
}

function parseTemplate(request: ClassModel, path: string): RouteTemplate {
  try {
    return parseRouteTemplate(path)
  } catch (error) {
    if (!(error instanceof RouteSyntaxError)) throw error
    throw new DefinitionError('DEF_ROUTE_INVALID', `route '${path}' on '${request.name}' ${error.message}`)
  }
}

function parseVerbs(request: ClassModel, record: RouteRecord): readonly string[] | undefined {
  const verbs = (record.verbs ?? '').split(/[\s,]+/).filter(Boolean).map((v) => v.toUpperCase())
  if (verbs.length === 0 || verbs.includes('*')) return undefined
  const unknown = verbs.find((v) => !knownVerbs.has(v))
  if (unknown) {
    throw new DefinitionError(
      'DEF_ROUTE_INVALID',
      `route '${record.path}' on '${request.name}' names unknown verb '${unknown}'`,
    )
  }
  return [...new Set(verbs)]
}

function bindVariables(
  request: ClassModel,
  path: string,
  template: RouteTemplate,
): ReadonlyMap<string, PropertyModel> {
  const properties = allProperties({ kind: 'class', type: request, args: [] })
  const bindings = new Map<string, PropertyModel>()
  for (const variable of template.variables) {
    if (variable.toLowerCase() === 'ignore') continue
    const lower = variable.toLowerCase()
    const property = properties.find(
      (p) => p.model.key.toLowerCase() === lower || p.model.jsonName.toLowerCase() === lower,
    )
    if (!property) {
      throw new DefinitionError(
        'DEF_ROUTE_PARAM_MISSING',
        `route '${path}' on '${request.name}' has no matching property '${variable}'`,
      )
    }
    bindings.set(variable, property.model)
  }
  return bindings
}
