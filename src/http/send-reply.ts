/** Writes a service's result or an error to the reply, in the negotiated format. */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { ApiError } from '../errors/api-error'
import { HttpResult, type ResponseCookie } from '../contract/http-result'
import { toResponseStatus } from '../errors/to-response-status'
import type { Format, SerializeOptions } from '../formats/format'
import type { ClassRef, TypeRef } from '../registry/model'
import { translateSqliteError } from '../store/database'
import { addSetCookieLines, setCookieLines } from './cookies'

/** Settings that shape every reply. */
export interface ReplySettings extends SerializeOptions {
  readonly debug: boolean
  readonly secureCookies: boolean
}

/** How a request is answered: its format, and the JSONP callback that wraps JSON. */
export interface Answer {
  readonly format: Format
  readonly callback?: string
  /** The operation answered, for formats that name it. */
  readonly operation?: string
}

/** Writes a successful result: a DTO, an {@link HttpResult}, or nothing (204). */
export function sendResult(
  reply: FastifyReply,
  result: unknown,
  target: { type: TypeRef | undefined; answer: Answer; settings: ReplySettings },
): FastifyReply {
  const wrapped = result instanceof HttpResult ? result : undefined
  const response = wrapped ? wrapped.response : result
  if (wrapped) applyInit(reply, wrapped, target.settings)
  reply.header('vary', 'Accept')
  if (response === undefined || response === null) {
    return reply.code(wrapped?.init.status ?? 204).send()
  }
  // A reply starts as 200: setting it again costs fastify a status check per request.
  if (wrapped?.init.status !== undefined) reply.code(wrapped.init.status)
  return writeBody(reply, { value: response, type: target.type, answer: target.answer, settings: target.settings })
}

/** Writes an error as a ResponseStatus inside the operation's error DTO. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  context: { error: unknown; errorType: ClassRef; answer: Answer; settings: ReplySettings },
): FastifyReply {
  const answer = toResponseStatus(translateSqliteError(context.error), { debug: context.settings.debug })
  if (answer.status >= 500) {
    request.log.error({ err: answer.cause }, 'request failed')
  } else {
    request.log.debug({ errorCode: answer.responseStatus.errorCode, status: answer.status }, 'request refused')
  }
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value)
  // A JSONP error must load as a script to reach its callback.
  reply.header('vary', 'Accept').code(context.answer.callback ? 200 : answer.status)
  const value = { responseStatus: answer.responseStatus }
  return writeBody(reply, { value, type: context.errorType, answer: context.answer, settings: context.settings })
}

function writeBody(
  reply: FastifyReply,
  body: { value: unknown; type: TypeRef | undefined; answer: Answer; settings: ReplySettings },
): FastifyReply {
  const { format, callback, operation } = body.answer
  const text = format.serialize(body.value, body.type, { dateStyle: body.settings.dateStyle, operation })
  if (callback) {
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .send(`${callback}(${text})`)
  }
  if (format.headers) {
    for (const [name, value] of Object.entries(format.headers(operation ?? 'Response'))) reply.header(name, value)
  }
  return reply.header('content-type', format.contentType).send(text)
}

// Every cookie is written before anything of the result is set: one that cannot be
// written fails the request with none of the result's headers or cookies.
function applyInit(reply: FastifyReply, result: HttpResult, settings: ReplySettings): void {
  // Max-Age alone: an Expires date holds a comma, which some clients split cookies on.
  const cleared = (result.init.clearCookies ?? []).map((name) => ({ name, value: '', options: { maxAge: 0, secure: false } }))
  const cookies = setCookieLines([...(result.init.cookies ?? []), ...cleared], { secure: settings.secureCookies })
  for (const [name, value] of Object.entries(result.init.headers ?? {})) reply.header(name, value)
  addSetCookieLines(reply, cookies)
}

/** Sets cookies on a reply, HttpOnly and SameSite=Lax unless they say otherwise. */
export function applyCookies(reply: FastifyReply, cookies: readonly ResponseCookie[], settings: ReplySettings): void {
  addSetCookieLines(reply, setCookieLines(cookies, { secure: settings.secureCookies }))
}

/**
 * Answers the errors fastify raises before any route runs (a URL that is not valid
 * percent-encoding) as a ResponseStatus, in the format asked for once dtostack is
 * registered, else in JSON.
 */
export function sendFrameworkError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const dtostack = request.server?.dtostack
  if (dtostack) {
    dtostack.answerError(error, request, reply)
    return
  }
  const answer = toResponseStatus(error)
  reply
    .code(answer.status)
    .header('vary', 'Accept')
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ responseStatus: answer.responseStatus }))
}

/**
 * Answers what Node's HTTP parser refuses before fastify sees a request (a broken request
 * line, headers too large, a request that took too long) as a JSON ResponseStatus, then
 * closes the connection.
 */
export function sendClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const refusal =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new ApiError('RequestTimeout', 'The request took too long to arrive')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new ApiError('RequestHeaderFieldsTooLarge', 'The request headers are too large')
        : new ApiError('BadRequest', 'The request is not valid HTTP')
  const body = JSON.stringify({ responseStatus: toResponseStatus(refusal).responseStatus })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}
