/**
 * `/types/typescript` and `/types/python` (`/types/ts`, `/types/py`): the typed DTOs of the
 * running API, generated from the model, each option set generated once and kept.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { readCodegenOptions } from '../codegen/options'
import { languages } from '../metadata/languages'
import { baseUrlOf } from './base-url'
import type { Registry } from '../registry/registry'

const cacheSize = 64

/** Mounts the generated-DTO routes on a fastify scope. */
export function mountTypesRoutes(scope: FastifyInstance, registry: Registry): void {
  for (const language of languages) {
    const cache = new Map<string, string>()
    for (const url of [language.name, ...language.aliases].map((name) => `/types/${name}`)) {
      scope.get(url, async (request, reply) => {
        const key = cacheKey(request)
        let text = cache.get(key)
        if (text === undefined) {
          text = language.generate(registry, readCodegenOptions(queryOf(request), { baseUrl: baseUrlOf(request) }))
          // The most recently used option sets are kept: odd hosts or queries cannot crowd out the common ones.
          if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!)
        } else {
          cache.delete(key)
        }
        cache.set(key, text)
        return reply.header('content-type', 'text/plain; charset=utf-8').send(text)
      })
    }
  }
  scope.get('/types', async (request) => {
    const base = baseUrlOf(request)
    return Object.fromEntries(languages.map((l) => [l.name, `${base}/types/${l.name}`]))
  })
}

function queryOf(request: FastifyRequest): Record<string, string | string[] | undefined> {
  return (request.query ?? {}) as Record<string, string | string[] | undefined>
}

// The host is part of the key: it is written in the header as the BaseUrl.
function cacheKey(request: FastifyRequest): string {
  const query = Object.entries(queryOf(request))
    .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : v ?? ''])
    .sort(([a], [b]) => (a! < b! ? -1 : 1))
  return JSON.stringify([baseUrlOf(request), query])
}

