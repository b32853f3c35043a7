/** Builds the operations of the model from the services that handle request DTOs. */
import 'reflect-metadata'
import type { RequestFilterFn, ResponseFilterFn, Verb } from '../contract/contracts'
import {
  readClassRecord,
  readHandlerRecords,
  readRulesRecord,
  type ResponseRecord,
  type RulesRecord,
} from '../contract/records'
import { DefinitionError } from '../errors/definition-error'
import type {
  AuthRules,
  ClassModel,
  ClassRef,
  HandlerModel,
  OperationModel,
  RouteModel,
  ServiceModel,
  TypeRef,
} from './model'
import type { TypeResolver } from './resolve-types'
import { buildRoute } from './routes'
import { allProperties } from './type-utils'

const handlerVerbs: Record<string, Verb | 'ANY'> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  any: 'ANY',
}

/** The handlers found on service classes, grouped by request DTO class. */
export interface HandlerGroup {
  readonly handlers: Map<string, HandlerModel>
  readonly methodRules: RulesRecord[]
  readonly services: Set<Function>
}

/** Reads the `@Handles` methods of service classes and groups them by request DTO. */
export function collectHandlers(serviceClasses: readonly Function[]): Map<Function, HandlerGroup> {
  const groups = new Map<Function, HandlerGroup>()
  for (const ctor of serviceClasses) {
    const service: ServiceModel = { name: ctor.name, ctor: ctor as ServiceModel['ctor'] }
    for (const record of handlerChain(ctor)) {
      const where = `${ctor.name}.${record.method}`
      const verb = verbOfMethod(record.method)
      if (!verb) {
        throw new DefinitionError(
          'DEF_SERVICE_HANDLER',
          `handler '${where}' must be named after the verb it answers: get, post, put, patch, delete or any, alone or followed by a capitalised word (getDeviceTypes)`,
        )
      }
      const request = requestClassOf(ctor, record.method, record.request, where)
      let group = groups.get(request)
      if (!group) {
        group = { handlers: new Map(), methodRules: [], services: new Set() }
        groups.set(request, group)
      }
      if (group.handlers.has(verb)) {
        const other = group.handlers.get(verb)!
        throw new DefinitionError(
          'DEF_SERVICE_DUPLICATE',
          `'${request.name}' has two ${verb} handlers: '${other.service.name}.${other.method}' and '${where}'`,
        )
      }
      group.handlers.set(verb, { verb, service, method: record.method })
      group.services.add(ctor)
      const rules = readRulesRecord(ctor, record.method)
      if (rules) group.methodRules.push(rules)
    }
  }
  return groups
}

// `post` or `postSomething`: the verb, optionally followed by a capitalised word, so one
// class can hold several handlers of the same verb.
function verbOfMethod(name: string): Verb | 'ANY' | undefined {
  const match = /^(get|post|put|patch|delete|any)(?:[A-Z0-9_].*)?$/.exec(name)
  return match ? handlerVerbs[match[1]!] : undefined
}

function handlerChain(ctor: Function) {
  const records = []
  for (let c: Function = ctor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    records.push(...readHandlerRecords(c))
  }
  return records
}

function requestClassOf(
  ctor: Function,
  method: string,
  explicit: (() => Function) | undefined,
  where: string,
): Function {
  const declared = explicit
    ? explicit()
    : (Reflect.getMetadata('design:paramtypes', ctor.prototype, method) as unknown[] | undefined)?.[0]
  if (typeof ctor.prototype[method] !== 'function') {
    throw new DefinitionError('DEF_SERVICE_HANDLER', `handler '${where}' is not a method`)
  }
  if (typeof declared !== 'function' || declared === Object || !declared.prototype) {
    throw new DefinitionError(
      'DEF_SERVICE_HANDLER',
      `handler '${where}' takes no request DTO class as its first parameter: declare it, e.g. @Handles(() => MyRequest)`,
    )
  }
  return declared
}

/** What an operation is built from. */
export interface OperationSource {
  readonly request: ClassModel
  readonly group: HandlerGroup
  readonly errorResponse: ClassRef
  /** Finds a class by name among the scanned ones (for `{Name}Response`). */
  readonly findClass: (name: string) => Function | undefined
}

/** Builds one operation of the model. */
export function buildOperation(resolver: TypeResolver, source: OperationSource): OperationModel {
  const { request, group } = source
  assertNoClientMethodNames(request)
  const record = readClassRecord(request.ctor)
  const declared = responseOf(request, group)
  const response = resolveResponse(resolver, source, declared)
  const routes = (record?.routes ?? []).map((r) => buildRoute(request, r))
  const rules = mergedRules(request, group)
  return {
    name: request.name,
    request,
    requestRef: { kind: 'class', type: request, args: [] },
    response,
    returnsVoid: declared !== undefined && declared.type === undefined,
    returnMarker: record?.response?.marker
      ? record.response.type === undefined ? 'IReturnVoid' : 'IReturn'
      : undefined,
    method: primaryMethod(record?.verb, routes, group.handlers),
    verbMarker: record?.verb,
    routes,
    auth: authOf(rules),
    tags: [...new Set(record?.tags ?? [])],
    handlers: group.handlers,
    requestFilters: rules.flatMap((r) => r.requestFilters) as RequestFilterFn[],
    responseFilters: rules.flatMap((r) => r.responseFilters) as ResponseFilterFn[],
    errorType: errorTypeOf(response, source.errorResponse),
  }
}

function responseOf(request: ClassModel, group: HandlerGroup): ResponseRecord | undefined {
  const onRequest = readClassRecord(request.ctor)?.response
  const onMethods = group.methodRules.flatMap((r) => (r.response ? [r.response] : []))
  const distinct = [...new Set(onMethods.map((r) => r.type))]
  if (distinct.length > 1 || (onRequest && distinct.length > 0 && onRequest.type !== distinct[0])) {
    throw new DefinitionError(
      'DEF_OPERATION_RESPONSE',
      `operation '${request.name}' declares different response types on its DTO and its handlers`,
    )
  }
  return onRequest ?? onMethods[0]
}

function resolveResponse(
  resolver: TypeResolver,
  source: OperationSource,
  declared: ResponseRecord | undefined,
): TypeRef | undefined {
  const where = `${source.request.name} (response)`
  const conventional = declared ? undefined : source.findClass(`${source.request.name}Response`)
  const type = declared?.type !== undefined
    ? resolver.resolve(declared.type, where)
    : conventional ? resolver.classRef(conventional, [], where) : undefined
  resolver.drain()
  return type
}

// ServiceStack's order: a verb marker, else the one verb all routes name, else the first
// handler that is not `any`, else POST.
function primaryMethod(
  marker: Verb | undefined,
  routes: readonly RouteModel[],
  handlers: ReadonlyMap<string, HandlerModel>,
): Verb {
  if (marker) return marker
  const routeVerbs = new Set(routes.flatMap((r) => r.verbs ?? []))
  const only = [...routeVerbs][0]
  if (routeVerbs.size === 1 && only !== 'HEAD' && only !== 'OPTIONS') return only as Verb
  for (const verb of handlers.keys()) {
    if (verb !== 'ANY') return verb as Verb
  }
  return 'POST'
}

function mergedRules(request: ClassModel, group: HandlerGroup): RulesRecord[] {
  const rules: RulesRecord[] = []
  const add = (owner: Function, member?: string) => {
    for (let c: Function = owner; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      const found = readRulesRecord(c, member)
      if (found) rules.push(found)
    }
  }
  add(request.ctor)
  for (const service of group.services) add(service)
  rules.push(...group.methodRules)
  return rules
}

function authOf(rules: readonly RulesRecord[]): AuthRules {
  const unique = (pick: (r: RulesRecord) => string[]) => [...new Set(rules.flatMap(pick))]
  const auth = {
    roles: unique((r) => r.roles),
    anyRoles: unique((r) => r.anyRoles),
    permissions: unique((r) => r.permissions),
    anyPermissions: unique((r) => r.anyPermissions),
  }
  const requiresAuth =
    rules.some((r) => r.authenticate) || Object.values(auth).some((list) => list.length > 0)
  return { requiresAuth, ...auth }
}

// ServiceStack's clients call these methods on every request DTO.
const clientMethods = new Set(['getTypeName', 'getMethod', 'createResponse'])

function assertNoClientMethodNames(request: ClassModel): void {
  for (const { model } of allProperties({ kind: 'class', type: request, args: [] })) {
    const clash = [model.key, model.jsonName].find((name) => clientMethods.has(name))
    if (clash) {
      throw new DefinitionError(
        'DEF_PROPERTY_NAME',
        `'${request.name}.${model.key}' is named '${clash}', a method ServiceStack's clients call on every request: rename it`,
      )
    }
  }
}

function errorTypeOf(response: TypeRef | undefined, fallback: ClassRef): ClassRef {
  if (response?.kind !== 'class') return fallback
  const hasStatus = allProperties(response).some((p) => p.model.key === 'responseStatus')
  return hasStatus ? response : fallback
}
