/**
 * The life of one request: route, negotiate, authenticate, bind, validate, filter, run the
 * service, write the answer. Every route shape of an operation goes through here, so its
 * rules hold on all of them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import querystring from 'fast-querystring'
import { rememberCredentials, type CredentialReader, type CredentialResult, type Credentials } from '../auth/credentials'
import { isCrossSite, type SiteCheck } from '../auth/cross-site'
import { assertAllowed } from '../auth/guard'
import type { RequestContext, RequestFilterFn, ResponseFilterFn } from '../contract/contracts'
import { HttpResult } from '../contract/http-result'
import { ApiError, type FieldError } from '../errors/api-error'
import { toApiError } from '../errors/to-response-status'
import type { ParsedBody } from '../formats/format'
import type { ClassRef, OperationModel, TypeRef } from '../registry/model'
import { translateSqliteError } from '../store/database'
import { mayFailValidation, validateDto } from '../validation/validate'
import { bindingError, bindRequest, type RequestSources } from './bind-request'
import { requestCookies } from './cookies'
import type { ConvertLimits } from './convert-value'
import { negotiate, type FormatTable } from './negotiate'
import { readBody, type BodySources } from './read-body'
import { assertSoundRequest } from './request-checks'
import { runSteps, type Steps } from './steps'
import type { RouteMatch, RouteTable } from './routing'
import { applyCookies, sendError, sendResult, type Answer, type ReplySettings } from './send-reply'

/** Bounds on what a request may hold. */
export interface RequestLimits extends ConvertLimits {
  /** How many requests one batch may hold. */
  readonly maxBatchSize: number
}

/** Everything the dispatcher needs, built once at startup. */
export interface Runtime {
  readonly table: RouteTable
  readonly formats: FormatTable
  readonly settings: ReplySettings
  readonly limits: RequestLimits
  readonly strictXml: boolean
  readonly services: ReadonlyMap<Function, Record<string, unknown>>
  readonly credentials?: CredentialReader
  readonly adminRole: string
  readonly trustedOrigins: readonly string[]
  readonly deps: unknown
  readonly requestFilters: readonly RequestFilterFn[]
  readonly responseFilters: readonly ResponseFilterFn[]
  /** The ErrorResponse type, for errors that belong to no operation. */
  readonly errorResponse: ClassRef
  /** The path the plugin is registered under (`''` or `/v1`); routes are matched below it. */
  readonly prefix: string
}

type Query = Record<string, string | string[] | undefined>
type OperationMatch = Extract<RouteMatch, { kind: 'operation' }>

/**
 * Handles one request end to end; never throws. Synchronous when nothing on the way
 * waits (see ./steps), else a promise settled once the answer is sent.
 */
export function dispatch(runtime: Runtime, request: FastifyRequest, reply: FastifyReply): void | Promise<void> {
  return runSteps(dispatchSteps(runtime, request, reply))
}

function* dispatchSteps(runtime: Runtime, request: FastifyRequest, reply: FastifyReply): Steps<void> {
  let answer: Answer | undefined
  let op: OperationModel | undefined
  try {
    assertSoundRequest(request)
    const query = (request.query ?? {}) as Query
    const match = runtime.table.match(request.method, localPath(pathOf(request.url), runtime.prefix))
    answer = chooseAnswer(runtime, { request, match, query })
    if (match.kind !== 'operation') return answerUnmatched(request, reply, match)
    op = match.op
    // Read here so that filters and services find them on `ctx.request.cookies`.
    requestCookies(request)
    // Object spreads are slow in the hot path: objects are built whole.
    answer = { format: answer.format, callback: answer.callback, operation: op.name }
    // Without a store of users no operation requires a login (startup checks it), and none can have one.
    const credentials = runtime.credentials ? yield* authenticateSteps(runtime.credentials, runtime, { request, reply, op }) : undefined
    const step = { request, match, query, answer, credentials }
    if (match.batch) {
      const results = (yield runBatch(runtime, step)) as unknown[]
      reply.header('x-autobatch-completed', String(results.length))
      sendResult(reply, op.returnsVoid ? undefined : results.map(unwrap), {
        type: op.response && { kind: 'list', item: op.response },
        answer,
        settings: runtime.settings,
      })
      return
    }
    const sources = (yield readSources(runtime, step, op.requestRef)) as RequestSources
    const result = yield* operationSteps(runtime, step, sources)
    sendResult(reply, result, { type: op.response, answer, settings: runtime.settings })
  } catch (error) {
    // A path or query that cannot be read fails before the answer is chosen.
    answer ??= errorAnswer(runtime, request)
    sendError(request, reply, { error, errorType: op?.errorType ?? runtime.errorResponse, answer, settings: runtime.settings })
  }
}

const callbackPattern = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/

function chooseAnswer(runtime: Runtime, at: { request: FastifyRequest; match: RouteMatch; query: Query }): Answer {
  const { match, query, request } = at
  const callback = single(query.callback) || undefined
  const format = negotiate(runtime.formats, {
    suffix: match.suffix ? match.format : undefined,
    callback: callback !== undefined,
    formatParam: single(query.format) || undefined,
    routeFormat: match.suffix ? undefined : match.format,
    accept: request.headers.accept,
  })
  if (callback === undefined || format !== runtime.formats.fallback) return { format }
  if (callback.length > 100 || !callbackPattern.test(callback)) {
    throw ApiError.badRequest('The JSONP callback must be a plain JavaScript name')
  }
  // A script tag on any page would send the user's cookie and read the answer.
  if (hasSessionCookie(request)) {
    throw ApiError.forbidden('JSONP is not served to requests signed in by cookie: use a bearer token')
  }
  return { format, callback }
}

/**
 * The answer to an error raised before the dispatcher runs (a body over the limit, a
 * content type fastify refuses, a URL it cannot decode): in the format the request asks
 * for as far as it can be read, else the default.
 */
export function errorAnswer(runtime: Runtime, request: FastifyRequest): Answer {
  const query = (request.query ?? parseQuery(request.url)) as Query
  let match: RouteMatch
  try {
    match = runtime.table.match(request.method, localPath(pathOf(request.url), runtime.prefix))
  } catch {
    match = { kind: 'not-found', message: 'No route matches this path' }
  }
  try {
    return { format: chooseAnswer(runtime, { request, match, query }).format }
  } catch {
    return { format: runtime.formats.fallback }
  }
}

function parseQuery(url: string): Query {
  const start = url.indexOf('?')
  return start < 0 ? {} : (querystring.parse(url.slice(start + 1)) as Query)
}

function hasSessionCookie(request: FastifyRequest): boolean {
  const cookies = requestCookies(request)
  return cookies['ss-id'] !== undefined || cookies['ss-pid'] !== undefined
}

// The credentials a request may act with, after the operation's rules have accepted them.
// Only a JWT is checked asynchronously: a session or an API key is read without a promise.
function* authenticateSteps(
  credentials: CredentialReader,
  runtime: Runtime,
  at: { request: FastifyRequest; reply: FastifyReply; op: OperationModel },
): Steps<Credentials | undefined> {
  const { request, reply, op } = at
  const read = (yield credentials.read({ headers: request.headers, cookies: requestCookies(request) })) as CredentialResult
  let found = read.credentials
  if (found?.source === 'cookie' && isCrossSite(siteOf(runtime, request, op))) {
    if (op.auth.requiresAuth) {
      throw ApiError.forbidden('A request from another site may not act with the session cookie')
    }
    found = undefined
  }
  assertAllowed(op.auth, found?.user, { adminRole: runtime.adminRole, refusal: read.refusal })
  if (found && read.renewedCookies) applyCookies(reply, read.renewedCookies, runtime.settings)
  rememberCredentials(request, found)
  return found
}

// What the cross-site check of a cookie-signed request looks at. A GET is safe only when
// a `get` handler answers it: an `any` handler may change state.
function siteOf(runtime: Runtime, request: FastifyRequest, op: OperationModel): SiteCheck {
  const unsafe = !op.handlers.has('GET')
  return { method: request.method, headers: request.headers, protocol: request.protocol, trustedOrigins: runtime.trustedOrigins, unsafe }
}

interface Step {
  readonly request: FastifyRequest
  readonly match: OperationMatch
  readonly query: Query
  readonly answer: Answer
  readonly credentials?: Credentials
}

function readSources(runtime: Runtime, step: Step, type: TypeRef): RequestSources | Promise<RequestSources> {
  const { match } = step
  const body = readBody(step.request.body as Buffer | undefined, step.request.headers['content-type'], {
    formats: runtime.formats,
    routeFormat: match.bodyFormat ? runtime.formats.named(match.bodyFormat) : undefined,
    type,
    strictXml: runtime.strictXml,
    maxDepth: runtime.limits.maxDepth,
  })
  const sources = (read: BodySources): RequestSources => ({ body: read.body, form: read.form, query: step.query, route: match.route })
  return body instanceof Promise ? body.then(sources) : sources(body)
}

// Binds, validates, filters and runs one request of an operation: its result.
function* operationSteps(runtime: Runtime, step: Step, sources: RequestSources): Steps<unknown> {
  const op = step.match.op
  const bound = bindRequest(op, sources, runtime.limits)
  if (bound.errors.length > 0 || mayFailValidation(op.requestRef)) {
    const failures = (yield validateDto(bound.dto, op.requestRef, runtime.limits.maxErrors)) as FieldError[]
    assertValid(op, bound, failures, runtime.limits.maxErrors)
  }
  const dto = bound.dto
  const ctx: RequestContext = {
    request: step.request,
    operation: op.name,
    format: step.answer.format.name,
    session: step.credentials?.session,
    user: step.credentials?.user,
    deps: runtime.deps,
  }
  // Most operations have no filters: an empty list is not waited for.
  let result: unknown
  if (runtime.requestFilters.length > 0) result = yield runRequestFilters(runtime.requestFilters, dto, ctx)
  if (result === undefined && op.requestFilters.length > 0) result = yield runRequestFilters(op.requestFilters, dto, ctx)
  // A handler that answers at once is not waited for either.
  if (result === undefined) result = yield runHandler(runtime, op, { dto, ctx, verb: step.request.method })
  if (runtime.responseFilters.length > 0) result = yield runResponseFilters(runtime.responseFilters, { result, dto, ctx })
  if (op.responseFilters.length > 0) result = yield runResponseFilters(op.responseFilters, { result, dto, ctx })
  return result
}

// The first filter that answers ends the request's filters, and the service is not run.
async function runRequestFilters(filters: readonly RequestFilterFn[], dto: object, ctx: RequestContext): Promise<unknown> {
  for (const filter of filters) {
    const result = await filter(dto, ctx)
    if (result !== undefined) return result
  }
  return undefined
}

async function runResponseFilters(
  filters: readonly ResponseFilterFn[],
  call: { result: unknown; dto: object; ctx: RequestContext },
): Promise<unknown> {
  let result = call.result
  for (const filter of filters) {
    const replaced = await filter(result, call.dto, call.ctx)
    if (replaced !== undefined) result = replaced
  }
  return result
}

// An array of requests, each through the whole pipeline, in order. The first failure
// stops the batch and is answered with how many completed before it.
async function runBatch(runtime: Runtime, step: Step): Promise<unknown[]> {
  const op = step.match.op
  const sources = await readSources(runtime, step, { kind: 'list', item: op.requestRef })
  const items = sources.body?.value
  if (!Array.isArray(items)) throw new ApiError('SerializationException', 'A batch is a list of requests in the body')
  if (items.length > runtime.limits.maxBatchSize) {
    throw ApiError.badRequest(`A batch holds at most ${runtime.limits.maxBatchSize} requests, not ${items.length}`)
  }
  const results: unknown[] = []
  for (const [index, item] of items.entries()) {
    const body: ParsedBody = { value: item, textual: sources.body!.textual }
    try {
      results.push(await runSteps(operationSteps(runtime, step, { body, query: {} })))
    } catch (error) {
      throw batchFailure(error, { index, debug: runtime.settings.debug })
    }
  }
  return results
}

function batchFailure(error: unknown, at: { index: number; debug: boolean }): ApiError {
  const cause = toApiError(translateSqliteError(error), { debug: at.debug })
  return new ApiError(cause.errorCode, cause.message, {
    status: cause.status,
    fieldErrors: cause.fieldErrors,
    headers: { ...cause.headers, 'X-AutoBatch-Completed': String(at.index) },
    meta: { ...cause.meta, AutoBatchIndex: String(at.index) },
    cause: error,
  })
}

function unwrap(result: unknown): unknown {
  return result instanceof HttpResult ? result.response : result
}

// Every failing field at once: values that did not fit their type, then the rules broken
// by the others (a field that failed binding is not judged again as missing).
function assertValid(
  op: OperationModel,
  bound: { dto: object; errors: readonly FieldError[] },
  failures: readonly FieldError[],
  maxErrors: number,
): void {
  if (bound.errors.length > 0) {
    const unbound = new Set(bound.errors.map((e) => e.fieldName))
    const rest = failures.filter((f) => !unbound.has(f.fieldName))
    throw bindingError(op.name, [...bound.errors, ...rest].slice(0, maxErrors))
  }
  if (failures.length > 0) {
    const first = failures[0]!
    throw new ApiError(first.errorCode, first.message, { status: 400, fieldErrors: failures })
  }
}

function runHandler(
  runtime: Runtime,
  op: OperationModel,
  call: { dto: object; ctx: RequestContext; verb: string },
): unknown {
  const verb = call.verb === 'HEAD' ? 'GET' : call.verb
  const handler = op.handlers.get(verb) ?? op.handlers.get('ANY')
  if (!handler) throw new ApiError('MethodNotAllowed', `'${op.name}' does not accept ${verb}`)
  const service = runtime.services.get(handler.service.ctor)!
  const method = service[handler.method] as (dto: object, ctx: RequestContext) => unknown
  return method.call(service, call.dto, call.ctx)
}

function answerUnmatched(
  request: FastifyRequest,
  reply: FastifyReply,
  match: Exclude<RouteMatch, { kind: 'operation' }>,
): void {
  const verbs = match.kind === 'not-found' ? verbsOfOtherRoutes(request) : match.allow
  if (match.kind === 'not-found' && verbs.length === 0) throw ApiError.notFound(match.message)
  const allow = verbs.join(', ')
  if (request.method === 'OPTIONS') {
    reply.code(204).header('allow', allow).send()
    return
  }
  throw new ApiError('MethodNotAllowed', `This path does not accept ${request.method}`, {
    headers: { Allow: allow },
  })
}

const otherVerbs = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

// The verbs of the fastify routes at this exact path that are no operation's (`/health`,
// `/metadata`, `/api`, the application's own), which reach the catch-all with another verb.
function verbsOfOtherRoutes(request: FastifyRequest): string[] {
  const url = pathOf(request.url)
  if (url === '/*') return []
  const verbs: string[] = otherVerbs.filter((method) => request.server.hasRoute({ method, url }))
  if (verbs.includes('GET')) verbs.splice(1, 0, 'HEAD')
  return verbs
}

function pathOf(url: string): string {
  // A request target may be in absolute form (`http://host/path`, RFC 9112 section 3.2.2).
  const path = url.charCodeAt(0) !== 0x2f && /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') : url
  const query = path.indexOf('?')
  const fragment = path.indexOf('#')
  const end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment)
  return end < 0 ? path : path.slice(0, end)
}

function localPath(path: string, prefix: string): string {
  return prefix && path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value
}
