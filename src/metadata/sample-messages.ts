/**
 * The `HTTP + FORMAT` samples of an operation page: a request and its response as they
 * travel, with placeholder values, written by the format's own writer.
 */
import type { Format, SerializeOptions } from '../formats/format'
import { toJsonValue } from '../formats/json'
import { writeJsv } from '../formats/jsv'
import type { OperationModel, RouteModel, TypeRef } from '../registry/model'
import { allProperties } from '../registry/type-utils'
import { sampleValue } from './samples'

/** A sample exchange; `host` is left out so that one text serves every host. */
export interface SampleExchange {
  /** The request line, without its trailing space. */
  readonly requestLine: string
  /** The page's format: the `Accept` of the request and the type of the response. */
  readonly mediaType: string
  /** The type of the request body: JSON when the format reads no bodies (CSV). */
  readonly bodyMediaType: string
  /** The request body; absent for verbs without one. */
  readonly requestBody?: string
  /** The response body; absent for void operations. */
  readonly responseBody?: string
}

/** What the samples need besides the operation. */
export interface SampleContext {
  readonly format: Format
  /** Writes bodies for formats without a sample writer of their own. */
  readonly json: Format
  readonly serialize: SerializeOptions
  /** The path the operations are served under (`''` or `/v1`). */
  readonly prefix: string
}

const bodyVerbs = ['POST', 'PUT', 'PATCH']
const verbPreference = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE']

/** The sample request and response of an operation in a format. */
export function sampleExchange(op: OperationModel, context: SampleContext): SampleExchange {
  const { route, verb } = sampleRoute(op)
  const path = samplePath(op, route, context.format)
  const writer = context.format.sample ? context.format : context.json
  const write = (type: TypeRef) => {
    const value = sampleValue(type)
    return writer.sample ? writer.sample(value, type, context.serialize) : writer.serialize(value, type, context.serialize)
  }
  const request: TypeRef = { kind: 'class', type: op.request, args: [] }
  const query = bodyVerbs.includes(verb) ? '' : sampleQuery(op, route)
  return {
    requestLine: `${verb} ${context.prefix}${path}${query} HTTP/1.1`,
    mediaType: mediaTypeOf(context.format),
    bodyMediaType: mediaTypeOf(context.format.parse ? context.format : context.json),
    requestBody: bodyVerbs.includes(verb) ? write(request) : undefined,
    responseBody: op.response && !op.returnsVoid ? write(op.response) : undefined,
  }
}

/** A format's media type as pages name it (`application/json`, `text/jsv`). */
export function mediaTypeOf(format: Format): string {
  return format.sampleMediaType ?? format.contentType.split(';')[0]!.trim()
}

/**
 * The route and verb a sample request uses: the first route that takes POST (or any verb),
 * else the first route; the operation's own verb when the route takes it.
 */
export function sampleRoute(op: OperationModel): { route?: RouteModel; verb: string } {
  const takes = (route: RouteModel, verb: string) => !route.verbs || route.verbs.includes(verb)
  const route = op.routes.find((r) => takes(r, 'POST')) ?? op.routes[0]
  if (!route || takes(route, op.method)) return { route, verb: op.method }
  return { route, verb: verbPreference.find((v) => takes(route, v)) ?? route.verbs![0]! }
}

/** Whether a sample request carries a body (its members travel there). */
export function sendsBody(verb: string): boolean {
  return bodyVerbs.includes(verb)
}

// Without routes, the pre-defined route of the format, or `/api/{Op}.{ext}` (JSON in) for
// a format that reads no bodies.
function samplePath(op: OperationModel, route: RouteModel | undefined, format: Format): string {
  if (route) return route.path
  return format.parse ? `/${format.name}/reply/${op.name}` : `/api/${op.name}.${format.name}`
}

// A request without a body sends its other properties in the query string, each value
// written as the query reads it (JSV for lists and objects).
function sampleQuery(op: OperationModel, route: RouteModel | undefined): string {
  const inPath = new Set(route ? [...route.bindings.values()] : [])
  const pairs: string[] = []
  for (const property of allProperties({ kind: 'class', type: op.request, args: [] })) {
    if (inPath.has(property.model)) continue
    const value = sampleValue(property.type)
    if (value === undefined) continue
    const text = writeJsv(toJsonValue(value, property.type, { dateStyle: 'iso8601' }), property.type)
    // An empty value binds as nothing: the query leaves it out.
    if (text === '' || text === '""') continue
    pairs.push(`${property.model.jsonName}=${encodeURIComponent(text).replace(/%(2C|3A|5B|5D|7B|7D)/g, (c) => decodeURIComponent(c))}`)
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : ''
}
