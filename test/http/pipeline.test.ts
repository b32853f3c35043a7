/** The request pipeline around a service: filters, contexts, results, JSON settings. */
import fastifyCookie from '@fastify/cookie'
import Fastify from 'fastify'
import t from 'tap'
import {
  ApiError,
  dtostack,
  Handles,
  HttpResult,
  Prop,
  RequestFilter,
  ResponseFilter,
  ResponseStatus,
  Returns,
  Route,
  t as types,
  type RequestContext,
} from '../../src/index'
import { fixtureApp } from '../helpers/fixture-app'

class Reply {
  @Prop() text?: string
  @Prop() at?: Date
  @Prop(types.list(types.string)) trail?: string[]
}

const trail: string[] = []

@Route('/greet/{name}')
@Returns(() => Reply)
@RequestFilter((dto) => {
  trail.push('dto filter')
  if ((dto as Greet).name === 'blocked') throw ApiError.forbidden('Blocked by a filter')
  if ((dto as Greet).name === 'short') return { text: 'answered by a filter' }
  return undefined
})
@ResponseFilter((response) => {
  trail.push('dto response filter')
  return response
})
class Greet {
  @Prop() name?: string
}

@Route('/when')
@Returns(() => Reply)
class When {}

@Route('/cookie')
@Returns(() => Reply)
class SetPreference {}

@Route('/theme')
@Returns(() => Reply)
class GetTheme {}

@Route('/themes')
@Returns(() => Reply)
class ResetThemes {}

@Route('/bad-cookie')
@Returns(() => Reply)
class BadCookie {}

@Route('/header-cookie')
@Returns(() => Reply)
class HeaderCookie {}

@Route('/thenable')
@Returns(() => Reply)
class Thenable {}

// Its errors are answered in this DTO, not in the general ErrorResponse.
class FailsResponse {
  @Prop() text?: string
  @Prop(() => ResponseStatus) responseStatus?: ResponseStatus
}

@Route('/fails/{how}')
@Returns(() => FailsResponse)
class Fails {
  @Prop() how?: string
}

class GreetServices {
  constructor(private readonly deps: { greeting: string }) {}

  @Handles()
  @ResponseFilter((response) => ({ ...(response as Reply), trail: [...trail] }))
  async get(request: Greet, ctx: RequestContext): Promise<Reply> {
    trail.push('service')
    await new Promise((resolve) => setImmediate(resolve))
    return { text: `${this.deps.greeting}, ${request.name} (${ctx.operation}, ${ctx.format}, ${(ctx.deps as { greeting: string }).greeting})` }
  }

  @Handles()
  getWhen(_request: When): Reply {
    return { at: new Date(Date.UTC(2020, 0, 1)) }
  }

  @Handles()
  getTheme(_request: GetTheme, ctx: RequestContext): Reply {
    return { text: JSON.stringify(ctx.request.cookies) }
  }

  @Handles()
  getResetThemes(_request: ResetThemes): HttpResult<Reply> {
    return new HttpResult({ text: 'reset' }, {
      cookies: [
        { name: 'theme', value: 'dark' },
        { name: 'theme', value: 'light', options: { path: '/docs' } },
        { name: 'theme', value: 'dim' },
        { name: 'lang', value: 'en GB', options: { httpOnly: false, sameSite: 'strict', secure: true, domain: 'example.com' } },
      ],
      clearCookies: ['old'],
    })
  }

  @Handles()
  getThenable(_request: Thenable): PromiseLike<Reply> {
    // Not a native promise: a promise library's, or a query builder's.
    return { then: (resolve) => Promise.resolve(resolve?.({ text: 'from a thenable' })) } as PromiseLike<Reply>
  }

  @Handles()
  getFails(request: Fails): FailsResponse | PromiseLike<FailsResponse> {
    const refusal = new ApiError('Conflict', `failed: ${request.how}`)
    switch (request.how) {
      case 'throws':
        throw refusal
      case 'rejects':
        return Promise.reject(refusal)
      case 'thenable':
        return { then: (_resolve, reject) => Promise.resolve(reject?.(refusal)) } as PromiseLike<FailsResponse>
      case 'getter':
        // Merely asking whether the result is a thenable throws.
        return Object.defineProperty({ text: 'x' }, 'then', {
          get() {
            throw refusal
          },
        })
      default:
        return { text: `fine: ${request.how}` }
    }
  }

  @Handles()
  getHeaderCookie(_request: HeaderCookie): HttpResult<Reply> {
    return new HttpResult({ text: 'both' }, {
      headers: { 'Set-Cookie': 'a=fromheader; Path=/' },
      cookies: [{ name: 'a', value: 'fromcookie' }],
    })
  }

  @Handles()
  getBadCookie(_request: BadCookie): HttpResult<Reply> {
    return new HttpResult({ text: 'never' }, {
      headers: { 'X-Custom': 'yes' },
      cookies: [{ name: 'fine', value: 'v' }, { name: 'broken', value: 'v', options: { maxAge: 1.5 } }],
    })
  }

  @Handles()
  getCookie(_request: SetPreference): HttpResult<Reply> {
    return new HttpResult({ text: 'set' }, {
      status: 202,
      headers: { 'X-Custom': 'yes' },
      cookies: [{ name: 'theme', value: 'dark', options: { maxAge: 60 } }],
    })
  }
}

const modules = [{ Greet, When, SetPreference, GetTheme, ResetThemes, BadCookie, HeaderCookie, Thenable, Fails, FailsResponse, Reply, GreetServices }]

t.test('filters run in order: global, then the DTO\'s, service\'s and method\'s, around the service', async (t) => {
  trail.length = 0
  const app = await fixtureApp(t, {
    modules,
    deps: { greeting: 'Hello' },
    requestFilters: [() => void trail.push('global filter')],
    responseFilters: [(response) => void trail.push('global response filter')],
  })

  const res = await app.inject({ url: '/greet/Ann' })

  t.equal(res.statusCode, 200)
  t.same(res.json(), {
    text: 'Hello, Ann (Greet, json, Hello)',
    trail: ['global filter', 'dto filter', 'service', 'global response filter', 'dto response filter'],
  })
  t.same(trail, ['global filter', 'dto filter', 'service', 'global response filter', 'dto response filter'])
})

t.test('a request filter can refuse a request or answer it in place of the service', async (t) => {
  trail.length = 0
  const app = await fixtureApp(t, { modules, deps: { greeting: 'Hi' } })

  const blocked = await app.inject({ url: '/greet/blocked' })
  const short = await app.inject({ url: '/greet/short' })

  t.equal(blocked.statusCode, 403)
  t.match(blocked.json(), { responseStatus: { errorCode: 'Forbidden', message: 'Blocked by a filter' } })
  t.same(short.json().text, 'answered by a filter')
  t.notOk(trail.includes('service'), 'the service never ran')
})

t.test('services can come from a factory of the application', async (t) => {
  const created: string[] = []
  const app = await fixtureApp(t, {
    modules,
    deps: { greeting: 'unused' },
    createService: (service) => {
      created.push(service.name)
      return new (service as new (deps: { greeting: string }) => object)({ greeting: 'Howdy' })
    },
  })

  const res = await app.inject({ url: '/greet/Bo' })

  t.same(created, ['GreetServices'])
  t.match(res.json().text, /^Howdy, Bo/)
})

t.test('an HttpResult sets the status, headers and cookies', async (t) => {
  const app = await fixtureApp(t, { modules, deps: { greeting: 'x' } })

  const res = await app.inject({ url: '/cookie' })

  t.equal(res.statusCode, 202)
  t.equal(res.headers['x-custom'], 'yes')
  t.match(res.cookies, [{ name: 'theme', value: 'dark', maxAge: 60, httpOnly: true, sameSite: 'Lax', path: '/' }])
  t.same(res.json(), { text: 'set' })
})

t.test('filters and services read the request\'s cookies from ctx.request.cookies', async (t) => {
  const seen: unknown[] = []
  const app = await fixtureApp(t, {
    modules,
    deps: { greeting: 'x' },
    requestFilters: [(_dto, ctx) => void seen.push(ctx.request.cookies)],
  })

  const withCookies = await app.inject({ url: '/theme', headers: { cookie: 'theme=dark; lang=en%20GB' } })
  const without = await app.inject({ url: '/theme' })

  t.same(JSON.parse(withCookies.json().text), { theme: 'dark', lang: 'en GB' })
  t.same(JSON.parse(without.json().text), {})
  t.same(seen, [{ theme: 'dark', lang: 'en GB' }, {}])
})

t.test('a cookie set twice for one name, domain and path is sent once, as last set', async (t) => {
  const app = await fixtureApp(t, { modules, deps: { greeting: 'x' } })

  const res = await app.inject({ url: '/themes' })

  t.same(res.headers['set-cookie'], [
    'theme=light; Path=/docs; HttpOnly; SameSite=Lax',
    'theme=dim; Path=/; HttpOnly; SameSite=Lax',
    'lang=en%20GB; Domain=example.com; Path=/; Secure; SameSite=Strict',
    'old=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
  ])
})

t.test('a handler may answer synchronously, with a promise, or with a thenable that is no native promise', async (t) => {
  const app = await fixtureApp(t, { modules, deps: { greeting: 'Hi' } })

  const sync = await app.inject({ url: '/when' })
  const promised = await app.inject({ url: '/greet/Ann' })
  const thenable = await app.inject({ url: '/thenable' })

  t.same(sync.json(), { at: '2020-01-01T00:00:00Z' })
  t.match(promised.json(), { text: 'Hi, Ann (Greet, json, Hi)' })
  t.same(thenable.json(), { text: 'from a thenable' })
})

t.test('a handler that throws, rejects, hands back a failing thenable or a result whose then throws is answered with its error, whether or not the request waited before', async (t) => {
  // The request filter that waits sends every request down the pipeline's async path.
  const waiting = async () => {
    await new Promise((resolve) => setImmediate(resolve))
    return undefined
  }
  for (const requestFilters of [[], [waiting]]) {
    const app = await fixtureApp(t, { modules, deps: { greeting: 'x' }, requestFilters })
    for (const how of ['throws', 'rejects', 'thenable', 'getter']) {
      const res = await app.inject({ url: `/fails/${how}?format=xml` })
      t.equal(res.statusCode, 409, `${how}, ${requestFilters.length} filters`)
      t.match(res.headers['content-type'], /^application\/xml/)
      t.match(res.body, `<FailsResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/MyApp.ServiceModel"><ResponseStatus xmlns:d2p1="http://schemas.servicestack.net/types"><d2p1:ErrorCode>Conflict</d2p1:ErrorCode><d2p1:Message>failed: ${how}</d2p1:Message>`)
    }
    const fine = await app.inject({ url: '/fails/ok' })
    t.same(fine.json(), { text: 'fine: ok' }, `${requestFilters.length} filters`)
  }
})

t.test('a cookie of a result replaces a Set-Cookie header of the same result for the same cookie', async (t) => {
  const app = await fixtureApp(t, { modules, deps: { greeting: 'x' } })

  const res = await app.inject({ url: '/header-cookie' })

  t.same(res.headers['set-cookie'], ['a=fromcookie; Path=/; HttpOnly; SameSite=Lax'])
})

t.test('a cookie that cannot be written fails the request with a ResponseStatus, and no cookie or header of its result is sent', async (t) => {
  const app = await fixtureApp(t, { modules, deps: { greeting: 'x' } })

  const res = await app.inject({ url: '/bad-cookie' })

  t.equal(res.statusCode, 500)
  t.ok(res.json().responseStatus)
  t.equal(res.headers['set-cookie'], undefined)
  t.equal(res.headers['x-custom'], undefined)
})

t.test('an application that registers @fastify/cookie itself keeps it, and dtostack reads the cookies it parsed', async (t) => {
  const app = Fastify()
  await app.register(fastifyCookie)
  await app.register(dtostack, { modules, deps: { greeting: 'x' } })
  app.get('/own', (_request, reply) => reply.setCookie('own', 'yes', { path: '/' }).send('ok'))
  t.teardown(() => app.close())

  const theme = await app.inject({ url: '/theme', headers: { cookie: 'theme=dark' } })
  const own = await app.inject({ url: '/own' })
  const set = await app.inject({ url: '/cookie' })

  t.same(JSON.parse(theme.json().text), { theme: 'dark' })
  t.match(own.headers['set-cookie'], /^own=yes; Path=\//)
  t.match(set.cookies, [{ name: 'theme', value: 'dark', maxAge: 60, httpOnly: true, sameSite: 'Lax', path: '/' }])
})

t.test('instants are ISO-8601 by default and WCF on request of the application', async (t) => {
  const iso = await fixtureApp(t, { modules, deps: { greeting: 'x' } })
  const wcf = await fixtureApp(t, { modules, deps: { greeting: 'x' }, dateStyle: 'wcf' })

  const isoRes = await iso.inject({ url: '/when' })
  const wcfRes = await wcf.inject({ url: '/when' })

  t.equal(isoRes.body, '{"at":"2020-01-01T00:00:00Z"}')
  t.equal(wcfRes.body, '{"at":"\\/Date(1577836800000)\\/"}')
  t.equal(wcfRes.json().at, '/Date(1577836800000)/')
})

t.test('JSON is answered for */*, for no Accept, for q-weighted lists and for types not served', async (t) => {
  // (A browser's Accept, text/html first, gets HTML: see the negotiation tests.)
  const app = await fixtureApp(t, { modules, deps: { greeting: 'x' } })

  for (const accept of [
    undefined,
    '*/*',
    '*/*;q=0.5',
    'application/xml;q=0.1, application/json',
    'image/png',
  ]) {
    const res = await app.inject({ url: '/when', headers: accept ? { accept } : {} })
    t.equal(res.statusCode, 200, String(accept))
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8', String(accept))
    t.equal(res.headers.vary, 'Accept')
  }
})
