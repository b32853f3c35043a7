/**
 * The metadata pages (`/metadata`, `/{format}/metadata?op=...&lang=...`), `/types/metadata`
 * and `/api`, rendered from the model once each and kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors/api-error'
import { escapeHtml } from '../formats/html/escape-html'
import type { Format, SerializeOptions } from '../formats/format'
import { apiIndex } from '../metadata/api-index'
import { indexPage } from '../metadata/index-page'
import { findLanguage, languages, operationSource } from '../metadata/languages'
import { stylesheet } from '../metadata/layout'
import { metadataTypes } from '../metadata/metadata-types'
import { hostMarker, operationPage } from '../metadata/operation-page'
import { visibleOperation, visibleOperations } from '../metadata/visibility'
import type { Registry } from '../registry/registry'
import { baseUrlOf } from './base-url'

/** What the metadata routes need from the plugin. */
export interface MetadataRoutesOptions {
  readonly registry: Registry
  /** The name the pages carry. */
  readonly serviceName: string
  /** The formats with pages, JSON first. */
  readonly formats: readonly Format[]
  readonly json: Format
  readonly serialize: SerializeOptions
  /** Answers an error as an HTML page with its ResponseStatus. */
  readonly sendError: (request: FastifyRequest, reply: FastifyReply, error: ApiError) => FastifyReply
}

// Every page is markup of our own: no scripts, styles from this origin only.
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
}

// Pages kept at most: every operation in every format and language of a large API.
const maxPages = 5000

/** Mounts the metadata routes on the plugin's scope. */
export function mountMetadataRoutes(scope: FastifyInstance, options: MetadataRoutesOptions): void {
  const prefix = scope.prefix
  const operations = visibleOperations(options.registry)
  const context = { serviceName: options.serviceName, prefix, formats: options.formats, languages }
  let index: string | undefined
  const pages = new Map<string, readonly string[]>()

  const sendIndex = (reply: FastifyReply) => {
    index ??= indexPage(operations, context).text
    return reply.headers(pageHeaders).send(index)
  }

  const operationParts = (format: Format, opName: string, langName: string | undefined): readonly string[] => {
    const op = visibleOperation(options.registry, opName)
    if (!op) throw ApiError.notFound(`Operation '${opName}' does not exist`)
    const language = langName === undefined || langName === '' ? undefined : findLanguage(langName)
    if (langName && !language) {
      throw ApiError.badRequest(`Unknown language '${langName}': use ${languages.map((l) => l.name).join(' or ')}`)
    }
    const key = `${format.name}\n${op.name}\n${language?.name ?? ''}`
    let parts = pages.get(key)
    if (!parts) {
      const source = language && operationSource(options.registry, language, op.name)
      const text = operationPage(op, { ...context, format, json: options.json, serialize: options.serialize, language, source }).text
      parts = text.split(hostMarker)
      if (pages.size >= maxPages) pages.delete(pages.keys().next().value!)
      pages.set(key, parts)
    }
    return parts
  }

  scope.get('/metadata', async (_request, reply) => sendIndex(reply))
  scope.get('/metadata/', async (_request, reply) => reply.redirect(`${prefix}/metadata`, 301))
  scope.get('/metadata/style.css', async (_request, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
  )
  for (const format of options.formats) {
    scope.get(`/${format.name}/metadata`, async (request, reply) => {
      const query = request.query as Record<string, unknown>
      try {
        const op = single(query.op, 'op')
        if (op === undefined || op === '') return sendIndex(reply)
        const parts = operationParts(format, op, single(query.lang, 'lang'))
        return reply.headers(pageHeaders).send(parts.join(escapeHtml(request.hostname)))
      } catch (error) {
        if (error instanceof ApiError) return options.sendError(request, reply, error)
        throw error
      }
    })
  }

  const typesByHost = new Map<string, string>()
  scope.get('/types/metadata', async (request, reply) => {
    const baseUrl = baseUrlOf(request, prefix)
    let text = typesByHost.get(baseUrl)
    if (text === undefined) {
      text = JSON.stringify(metadataTypes(options.registry, baseUrl))
      if (typesByHost.size >= 16) typesByHost.delete(typesByHost.keys().next().value!)
      typesByHost.set(baseUrl, text)
    }
    return reply.header('content-type', 'application/json; charset=utf-8').send(text)
  })

  const apiText = JSON.stringify(apiIndex(operations, prefix))
  scope.get('/api', async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(apiText))
}

// A query value given once; given twice it is refused rather than guessed.
function single(value: unknown, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value
  throw ApiError.badRequest(`'${name}' must be given once`)
}
