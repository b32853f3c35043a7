/**
 * The life of one request: route, negotiate, authenticate, bind, validate, filter, run the
 * service, write the answer. Every route shape of an operation goes through here, so its
 * rules hold on all of them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RequestContext, RequestFilterFn, ResponseFilterFn } from '../contract/contracts'
import type { AuthStore } from '../auth/auth-store'
import { loadCredentials } from '../auth/credentials'
import { assertAllowed } from '../auth/guard'
import { ApiError, type FieldError } from '../errors/api-error'
import type { Format } from '../formats/format'
import type { ClassRef, OperationModel } from '../registry/model'
import { validateDto } from '../validation/validate'
import { bindingError, bindRequest } from './bind-request'
import type { ConvertLimits } from './convert-value'
import { negotiate, type FormatTable } from './negotiate'
import { readBody } from './read-body'
import type { RouteMatch, RouteTable } from './routing'
import { sendError, sendResult, type ReplySettings } from './send-reply'

/** Everything the dispatcher needs, built once at startup. */
export interface Runtime {
  readonly table: RouteTable
  readonly formats: FormatTable
  readonly settings: ReplySettings
  readonly limits: ConvertLimits
  readonly services: ReadonlyMap<Function, Record<string, unknown>>
  readonly authStore?: AuthStore
  readonly adminRole: string
  readonly deps: unknown
  readonly requestFilters: readonly RequestFilterFn[]
  readonly responseFilters: readonly ResponseFilterFn[]
  /** The ErrorResponse type, for errors that belong to no operation. */
  readonly errorResponse: ClassRef
}

type Query = Record<string, string | string[] | undefined>

/** Handles one request end to end; never throws. */
export async function dispatch(runtime: Runtime, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  let format: Format = runtime.formats.fallback
  let op: OperationModel | undefined
  try {
    const query = (request.query ?? {}) as Query
    const match = runtime.table.match(request.method, pathOf(request.url))
    format = negotiate(runtime.formats, {
      suffix: match.kind === 'operation' && match.suffix ? match.format : undefined,
      formatParam: single(query.format) || undefined,
      routeFormat: match.kind === 'operation' && match.predefined ? match.format : undefined,
      accept: request.headers.accept,
    })
    if (match.kind !== 'operation') return answerUnmatched(request, reply, match)
    op = match.op
    const result = await runOperation(runtime, { request, match, query, format })
    sendResult(reply, result, { type: op.response, format, settings: runtime.settings })
  } catch (error) {
    sendError(request, reply, {
      error,
      errorType: op?.errorType ?? runtime.errorResponse,
      format,
      settings: runtime.settings,
    })
  }
}

interface Step {
  readonly request: FastifyRequest
  readonly match: Extract<RouteMatch, { kind: 'operation' }>
  readonly query: Query
  readonly format: Format
}

async function runOperation(runtime: Runtime, step: Step): Promise<unknown> {
  const { request, match } = step
  const op = match.op
  const credentials = runtime.authStore
    ? loadCredentials(runtime.authStore, { headers: request.headers, cookies: request.cookies ?? {} })
    : undefined
  assertAllowed(op.auth, credentials?.user, runtime.adminRole)
  if (match.batch) {
    throw new ApiError('NotImplemented', 'Batched requests are not supported yet')
  }

  const sources = readBody(request.body as Buffer | undefined, request.headers['content-type'], {
    formats: runtime.formats,
    routeFormat: match.predefined ? runtime.formats.named(match.format!) : undefined,
  })
  const bound = bindRequest(op, { ...sources, query: step.query, route: match.route }, runtime.limits)
  const dto = bound.dto
  await assertValid(op, bound, runtime.limits.maxErrors)

  const ctx: RequestContext = {
    request,
    operation: op.name,
    format: step.format.name,
    session: credentials?.session,
    user: credentials?.user,
    deps: runtime.deps,
  }
  let result: unknown
  for (const filter of [...runtime.requestFilters, ...op.requestFilters]) {
    result = await filter(dto, ctx)
    if (result !== undefined) break
  }
  if (result === undefined) result = await runHandler(runtime, op, { dto, ctx, verb: request.method })
  for (const filter of [...runtime.responseFilters, ...op.responseFilters]) {
    const replaced = await filter(result, dto, ctx)
    if (replaced !== undefined) result = replaced
  }
  return result
}

// Every failing field at once: values that did not fit their type, then the rules broken
// by the others (a field that failed binding is not judged again as missing).
async function assertValid(op: OperationModel, bound: { dto: object; errors: readonly FieldError[] }, maxErrors: number) {
  const failures = await validateDto(bound.dto, { kind: 'class', type: op.request, args: [] }, maxErrors)
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

async function runHandler(
  runtime: Runtime,
  op: OperationModel,
  call: { dto: object; ctx: RequestContext; verb: string },
): Promise<unknown> {
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
  if (match.kind === 'not-found') throw ApiError.notFound(match.message)
  const allow = match.allow.join(', ')
  if (request.method === 'OPTIONS') {
    reply.code(204).header('allow', allow).send()
    return
  }
  throw new ApiError('MethodNotAllowed', `This path does not accept ${request.method}`, {
    headers: { Allow: allow },
  })
}

function pathOf(url: string): string {
  // A request target may be in absolute form (`http://host/path`, RFC 9112 section 3.2.2).
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') : url
  const end = path.search(/[?#]/)
  return end < 0 ? path : path.slice(0, end)
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value
}
