/** The metadata pages of the sample API against the seed pages, and of fixtures that try to break them. */
import t from 'tap'
import { buildApp, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'
import { seedPage, seedPythonBlock } from '../helpers/seed'
import * as codegen from '../fixtures/dtos/codegen'
import * as metadata from '../fixtures/dtos/metadata'
import { manyOperations } from '../fixtures/dtos/many'

/** The text a reader sees in a page's body: markup, scripts and styles removed, entities decoded. */
function visibleText(page: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(page)?.[1] ?? ''
  return decode(body.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '').replace(/<[^>]*>/g, ''))
}

function decode(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
  return text.replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (entity, code: string) =>
    code.startsWith('#x') ? String.fromCodePoint(parseInt(code.slice(2), 16))
      : code.startsWith('#') ? String.fromCodePoint(Number(code.slice(1)))
        : named[code] ?? entity,
  )
}

const squeeze = (text: string) => text.replace(/\s+/g, '')

/** The contents of each `<pre>` block, decoded. */
function preBlocks(page: string): string[] {
  return [...page.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => decode(m[1]!.replace(/<[^>]*>/g, '')))
}

const seedCases = [
  { url: '/xml/metadata?op=NewDeviceToken&lang=python', seed: 'xml-python' },
  { url: '/xml/metadata?op=NewDeviceToken', seed: 'xml' },
  { url: '/json/metadata?op=NewDeviceToken', seed: 'json' },
  { url: '/jsv/metadata?op=NewDeviceToken', seed: 'jsv' },
] as const

t.test('the pages of NewDeviceToken say what the seed pages say, and nothing else', async (t) => {
  const { app } = await buildApp(t)
  for (const { url, seed } of seedCases) {
    const res = await app.inject({ url, headers: { host: 'evovoice.io:8080' } })
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], 'text/html; charset=utf-8')
    t.equal(squeeze(visibleText(res.body)), squeeze(seedPage(seed)), url)
  }
})

t.test('the Host line names the host the page is served from', async (t) => {
  const { app } = await buildApp(t)

  const first = await app.inject({ url: '/json/metadata?op=NewDeviceToken', headers: { host: 'api.example.org' } })
  const second = await app.inject({ url: '/json/metadata?op=NewDeviceToken', headers: { host: 'localhost:5000' } })

  t.match(visibleText(first.body), '\nHost: api.example.org \n')
  t.match(visibleText(second.body), '\nHost: localhost \n')
  t.equal(first.body.replace('api.example.org', 'localhost'), second.body, 'the pages differ by the host alone')
})

t.test("the Python block of the seed's page is served character for character", async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject('/xml/metadata?op=NewDeviceToken&lang=python')
  const [code] = preBlocks(res.body)

  t.equal(code!.trimEnd(), seedPythonBlock())
})

t.test('the sample blocks keep their white space: trailing spaces, tabs, two-space XML', async (t) => {
  const { app } = await buildApp(t)
  for (const format of ['xml', 'json', 'jsv'] as const) {
    const res = await app.inject({ url: `/${format}/metadata?op=NewDeviceToken`, headers: { host: 'evovoice.io' } })
    const seed = seedPage(format)
    const [request, response] = preBlocks(res.body)
    t.ok(seed.includes(`${request}\n${response}`), `${format}: the request and response blocks appear in the seed as they are`)
  }
})

t.test('the CSV page follows the same pattern, with JSON bodies that the server reads', async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject({ url: '/csv/metadata?op=NewDeviceToken', headers: { host: 'evovoice.io' } })
  const text = visibleText(res.body)
  const [request, response] = preBlocks(res.body)

  t.match(text, 'append the .csv suffix or ?format=csv')
  t.match(text, 'HTTP + CSV')
  t.notMatch(text, 'jsonp')
  t.equal(request, 'POST /app/tokens HTTP/1.1 \nHost: evovoice.io \nAccept: text/csv\nContent-Type: application/json\nContent-Length: length\n\n{"deviceType":"Web","token":"String"}')
  t.equal(response, 'HTTP/1.1 200 OK\nContent-Type: text/csv\nContent-Length: length\n\n{"deviceType":"Web","token":"String"}')
})

t.test('with lang, the DTOs are those of /types/{lang}?IncludeTypes={Op}.* without the header', async (t) => {
  const { app } = await buildApp(t)
  for (const op of ['NewDeviceToken', 'ListDeviceTokens', 'DeleteDeviceToken', 'GetDeviceTypes', 'Authenticate']) {
    for (const lang of ['typescript', 'python']) {
      const page = await app.inject(`/json/metadata?op=${op}&lang=${lang}`)
      const types = await app.inject(`/types/${lang}?IncludeTypes=${op}.*`)
      const [code] = preBlocks(page.body)
      const withoutHeader = types.body.replace(/^(\/\* Options:[\s\S]*?\*\/|""" Options:[\s\S]*?""")\n+/, '')

      t.equal(code, withoutHeader, `${op} in ${lang}`)
      t.notMatch(visibleText(page.body), 'Parameters:', 'no type tables')
      t.match(page.body, `href="/types/${lang}?IncludeTypes=${op}.*"`)
    }
  }
})

t.test('each operation page has its tables in order, with parameters by verb and route', async (t) => {
  const { app } = await buildApp(t)

  const list = visibleText((await app.inject('/json/metadata?op=ListDeviceTokens')).body)
  const remove = visibleText((await app.inject('/json/metadata?op=DeleteDeviceToken')).body)
  const types = visibleText((await app.inject('/json/metadata?op=GetDeviceTypes')).body)

  const order = ['ListDeviceTokens Parameters:', 'DeviceTypes Enum:', 'PagedRequest Parameters:', 'ListDeviceTokensResponse', 'ListResponse<DeviceTokenEntry> Parameters:', 'DeviceTokenEntry Parameters:']
  t.same(order.map((caption) => list.indexOf(caption) >= 0), [true, true, true, false, true, true], 'a class without properties has no table')
  t.ok(list.indexOf('DeviceTypes Enum:') < list.indexOf('PagedRequest Parameters:'), 'an enum follows the first table that uses it')
  t.ok(list.indexOf('PagedRequest Parameters:') < list.indexOf('ListResponse<DeviceTokenEntry> Parameters:'))
  t.match(squeeze(list), 'DeviceTypequeryDeviceTypesNoOnlytokensofthistypeofdevice')
  t.match(squeeze(list), 'PagequeryInt?No'.replace('Int', 'int'), 'a GET route reads the query; nullable ints show as int?')
  t.match(squeeze(list), 'ItemsformList<DeviceTokenEntry>NoTheitems')
  t.match(squeeze(list), 'DateCreatedformDateTimeNo')
  t.match(list, 'GET /app/tokens?deviceType=Web HTTP/1.1 \nHost: localhost \nAccept: application/json\nHTTP/1.1 200 OK', 'no body for GET: the query')
  t.match(squeeze(remove), 'TokenpathstringNo')
  t.match(remove, 'DELETE /app/tokens/{token} HTTP/1.1 \nHost: localhost \nAccept: application/json')
  t.notMatch(remove, 'HTTP/1.1 200 OK', 'a void operation shows no response')
  t.notMatch(types, 'Requires Authentication', 'a public operation shows no auth lines')
  t.notMatch(types, 'GetDeviceTypes Parameters:', 'a request without properties has no table')
  t.notMatch(types, 'ResponseStatus Parameters:', 'the error type is not shown')
  t.match(types, '{"deviceTypes":["Web"],"responseStatus":{"errorCode":"String"', 'the response as a whole')
})

t.test('the index lists every operation shown, by name, with its access and a link per format', async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject('/metadata')
  const text = visibleText(res.body)
  const names = [...res.body.matchAll(/<th scope="row"><a href="\/json\/metadata\?op=(\w+)">/g)].map((m) => m[1])

  t.equal(res.statusCode, 200)
  t.match(text, 'Evo Voice')
  t.same(names, ['Authenticate', 'DeleteDeviceToken', 'GetAccessToken', 'GetDeviceTypes', 'ListDeviceTokens', 'NewDeviceToken'])
  for (const format of ['json', 'xml', 'jsv', 'csv']) {
    t.match(res.body, `<a href="/${format}/metadata?op=NewDeviceToken">${format.toUpperCase()}</a>`)
  }
  t.match(squeeze(text), "NewDeviceTokenCreateanewdevicetokenifitdoesn'texistalreadySignedin,roleUser")
  t.match(squeeze(text), 'GetDeviceTypesThetypesofdeviceatokencanberegisteredfor;needsnosign-inPublic')
  t.match(res.body, 'href="/types/typescript"')
  t.match(res.body, 'href="/types/python"')
  t.match(res.body, 'href="/types/metadata"')
  t.equal((await app.inject('/json/metadata')).body, res.body, 'a format page without an operation is the index')
  const slash = await app.inject('/metadata/')
  t.equal(slash.statusCode, 301)
  t.equal(slash.headers.location, '/metadata')
})

t.test('pages are HTML of our own: no scripts, a stylesheet from this origin, a strict policy', async (t) => {
  const { app } = await buildApp(t)

  const page = await app.inject('/xml/metadata?op=NewDeviceToken')
  const css = await app.inject('/metadata/style.css')

  t.notMatch(page.body, '<script')
  t.match(page.body, '<link rel="stylesheet" href="/metadata/style.css">')
  t.match(page.headers['content-security-policy'], "default-src 'none'; style-src 'self'")
  t.equal(page.headers['x-content-type-options'], 'nosniff')
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], 'text/css')
  t.ok(css.body.length < 4000, 'one small stylesheet')
})

t.test('an unknown or hidden operation is a 404 page, a bad language a 400, each with its ResponseStatus', async (t) => {
  const app = await fixtureApp(t, { modules: [metadata] })

  const unknown = await app.inject('/json/metadata?op=NoSuchThing')
  const hidden = await app.inject('/json/metadata?op=HiddenOperation')
  const lang = await app.inject('/json/metadata?op=Hostile&lang=cobol')
  const twice = await app.inject('/json/metadata?op=Hostile&op=Routeless')

  t.equal(unknown.statusCode, 404)
  t.match(unknown.headers['content-type'], 'text/html')
  t.match(visibleText(unknown.body), "Operation 'NoSuchThing' does not exist")
  t.equal(hidden.statusCode, 404)
  t.equal(lang.statusCode, 400)
  t.match(visibleText(lang.body), "Unknown language 'cobol'")
  t.equal(twice.statusCode, 400)
})

t.test('a hidden operation or type is left out of every page, /types and /api, and can still be called', async (t) => {
  const app = await fixtureApp(t, { modules: [metadata] })

  const index = await app.inject('/metadata')
  const page = await app.inject('/json/metadata?op=Hostile')
  const ts = await app.inject('/types/typescript')
  const py = await app.inject('/types/python')
  const types = await app.inject('/types/metadata')
  const api = await app.inject('/api')
  const called = await app.inject({ method: 'POST', url: '/hidden', payload: { code: 'x' } })

  for (const [name, res] of Object.entries({ index, page, ts, py, types, api })) {
    t.notMatch(res.body, 'HiddenOperation', `${name}: no hidden operation`)
    t.notMatch(res.body, 'HiddenDetail Parameters', `${name}: no table of a hidden type`)
  }
  t.notMatch(ts.body, 'class HiddenDetail')
  t.notMatch(types.body, '"name":"HiddenDetail"')
  t.equal(called.statusCode, 200)
  t.same(called.json(), { code: 'x' })
})

t.test('text that looks like markup is shown as text on every page', async (t) => {
  const app = await fixtureApp(t, { modules: [metadata] })
  const urls = ['/metadata', ...['json', 'xml', 'jsv', 'csv'].flatMap((f) => ['', '&lang=typescript', '&lang=python'].map((l) => `/${f}/metadata?op=Hostile${l}`))]

  for (const url of urls) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200, url)
    t.notMatch(res.body, /<(script|img|b>bold|u>|i>summary)/, `${url}: no markup from the model`)
    t.equal((res.body.match(/<\/pre>/g) ?? []).length, (res.body.match(/<pre/g) ?? []).length, `${url}: every block closes once`)
    t.match(visibleText(res.body), '<script>alert("op")</script>', `${url}: the description reads as written`)
  }
  const page = visibleText((await app.inject('/json/metadata?op=Hostile')).body)
  t.match(page, '<img src=x onerror=alert(1)>')
  t.match(page, '<b>bold</b>')
  t.match(page, 'a&b')
  t.match(page, '<i>summary</i>')
  t.match(page, '</pre><script>alert("response")</script>')
})

t.test('routeless operations are sampled on their pre-defined route; CSV on /api/{Op}.csv', async (t) => {
  const app = await fixtureApp(t, { modules: [metadata] })

  const json = preBlocks((await app.inject('/json/metadata?op=Routeless')).body)
  const csv = preBlocks((await app.inject('/csv/metadata?op=Routeless')).body)

  t.match(json[0], /^POST \/json\/reply\/Routeless HTTP\/1.1 \n/)
  t.match(csv[0], /^POST \/api\/Routeless.csv HTTP\/1.1 \n/)
})

/** Sends the request block of a page as a client would: its verb, path, headers and body. */
async function sendSample(app: import('fastify').FastifyInstance, block: string, cookie?: string) {
  const [head, body] = block.split('\n\n') as [string, string | undefined]
  const [requestLine, ...headerLines] = head.split('\n')
  const [method, path] = requestLine!.split(' ')
  const headers: Record<string, string> = Object.fromEntries(headerLines.map((line) => line.split(': ').map((s) => s.trim()) as [string, string]))
  delete headers['Content-Length']
  if (cookie) headers.cookie = cookie
  return app.inject({
    method: method as 'GET',
    url: path!.replace(/\{\w+\}/g, 'String'),
    headers,
    ...(body === undefined ? {} : { payload: body }),
  })
}

const contentTypes: Record<string, string> = { json: 'application/json', xml: 'application/xml', jsv: 'application/jsv' }

t.test('every sample request of the sample API is accepted by the server, in JSON, XML and JSV', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  const operations = ['NewDeviceToken', 'ListDeviceTokens', 'GetDeviceTypes', 'DeleteDeviceToken']
  for (const format of ['json', 'xml', 'jsv']) {
    for (const op of operations) {
      const [request] = preBlocks((await built.app.inject(`/${format}/metadata?op=${op}`)).body)
      const res = await sendSample(built.app, request!, cookie)
      t.ok(res.statusCode < 300, `${format} ${op}: ${res.statusCode} ${res.body}`)
      if (res.statusCode !== 204) t.match(res.headers['content-type'], contentTypes[format], `${format} ${op} answers in its format`)
    }
  }
  for (const format of ['json', 'xml', 'jsv']) {
    for (const op of ['Authenticate', 'GetAccessToken']) {
      const [request] = preBlocks((await built.app.inject(`/${format}/metadata?op=${op}`)).body)
      const res = await sendSample(built.app, request!)
      t.notOk([400, 415].includes(res.statusCode) || res.statusCode >= 500, `${format} ${op}: read, then refused only for its placeholder values (${res.statusCode})`)
    }
  }
})

t.test('the samples of every type kind are read back by the server in JSON, XML and JSV', async (t) => {
  const app = await fixtureApp(t, { modules: [codegen] })
  for (const op of ['EchoEverything', 'SaveCustomer', 'FindWidgets', 'Ping']) {
    for (const format of ['json', 'xml', 'jsv']) {
      const blocks = preBlocks((await app.inject(`/${format}/metadata?op=${op}`)).body)
      const res = await sendSample(app, blocks[0]!)
      t.ok(res.statusCode < 300, `${format} ${op}: ${res.statusCode} ${res.body.slice(0, 300)}`)
    }
  }
})

t.test('a sample response has the members of the real response to its sample request', async (t) => {
  const app = await fixtureApp(t, { modules: [codegen] })
  const topLevel = {
    json: (text: string) => Object.keys(JSON.parse(text)).sort(),
    xml: (text: string) => [...text.matchAll(/^ {2}<(\w+)/gm)].map((m) => m[1]).sort(),
  }
  for (const op of ['EchoEverything', 'SaveCustomer']) {
    for (const format of ['json', 'xml'] as const) {
      const [request, response] = preBlocks((await app.inject(`/${format}/metadata?op=${op}`)).body)
      const res = await sendSample(app, request!)
      const real = format === 'xml' ? res.body.replace(/></g, '>\n<') : res.body
      const shown = response!.split('\n\n').slice(1).join('\n\n')
      const members = topLevel[format](shown)

      t.ok(members.length >= 2, `${format} ${op}: the sample has members`)
      if (format === 'json') t.same(topLevel.json(real), members, `${format} ${op}`)
      else t.same(members.filter((m) => !real.includes(`<${m}>`) && !real.includes(`<${m} `)), [], `${format} ${op}: every member shown is answered`)
    }
  }
})

t.test('/api groups the operations shown by tag', async (t) => {
  const { app } = await buildApp(t)
  const fixture = await fixtureApp(t, { modules: [metadata] })

  const sample = (await app.inject('/api')).json()
  const tagged = (await fixture.inject('/api')).json()

  t.same(Object.keys(sample).sort(), ['auth', 'other'])
  t.same(sample.other.map((e: { name: string }) => e.name), ['DeleteDeviceToken', 'GetDeviceTypes', 'ListDeviceTokens', 'NewDeviceToken'])
  t.same(sample.other.find((e: { name: string }) => e.name === 'ListDeviceTokens'), {
    name: 'ListDeviceTokens',
    returns: 'ListDeviceTokensResponse',
    description: 'List the device tokens of the signed-in user, newest first',
    links: { api: '/api/ListDeviceTokens' },
  })
  t.same(sample.auth.map((e: { name: string }) => e.name), ['Authenticate', 'GetAccessToken'])
  t.same(Object.keys(tagged).sort(), ['apis', 'danger'], 'untagged operations are "apis" once the API has tags of its own')
})

t.test('/types/metadata describes every operation shown, with routes, verbs, access and types', async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject({ url: '/types/metadata', headers: { host: 'localhost:5000' } })
  const doc = res.json()
  const op = (name: string) => doc.operations.find((o: { request: { name: string } }) => o.request.name === name)

  t.equal(doc.config.baseUrl, 'http://localhost:5000')
  t.same(doc.operations.map((o: { request: { name: string } }) => o.request.name).sort(), ['Authenticate', 'DeleteDeviceToken', 'GetAccessToken', 'GetDeviceTypes', 'ListDeviceTokens', 'NewDeviceToken'])
  t.match(op('NewDeviceToken'), {
    request: {
      name: 'NewDeviceToken',
      namespace: 'Voice.Api.App',
      description: "Create a new device token if it doesn't exist already",
      implements: [{ name: 'IPost', namespace: 'ServiceStack' }],
      properties: [
        { name: 'DeviceType', type: 'DeviceTypes', namespace: 'Voice.Api.App', isEnum: true, description: 'The type of device' },
        { name: 'Token', type: 'String', namespace: 'System', description: 'The device token to save' },
      ],
      attributes: [{ name: 'Route', args: [{ name: 'Path', value: '/app/tokens' }, { name: 'Verbs', value: 'POST' }] }, { name: 'Api' }],
    },
    response: { name: 'DeviceTokenInfo' },
    actions: ['POST'],
    method: 'POST',
    returnType: { name: 'DeviceTokenInfo', namespace: 'Voice.Api.App' },
    routes: [{ path: '/app/tokens', verbs: 'POST' }],
    requiresAuth: true,
    requiredRoles: ['User'],
  })
  t.match(op('ListDeviceTokens'), {
    request: { inherits: { name: 'PagedRequest' }, implements: [{ name: 'IGet' }, { name: 'IReturn`1', genericArgs: ['ListDeviceTokensResponse'] }] },
    response: { name: 'ListDeviceTokensResponse', inherits: { name: 'ListResponse`1', genericArgs: ['DeviceTokenEntry'] } },
  })
  t.match(op('DeleteDeviceToken'), { returnsVoid: true, routes: [{ path: '/app/tokens/{token}', verbs: 'DELETE' }] })
  t.notOk(op('GetDeviceTypes').requiresAuth, 'a public operation does not require auth')
  const type = (name: string) => doc.types.find((t: { name: string }) => t.name === name)
  t.match(type('DeviceTypes'), { isEnum: true, enumNames: ['Web', 'iOS', 'Android'] })
  t.match(type('ListResponse`1'), { isGenericTypeDef: true, genericArgs: ['T'], properties: [{ name: 'Items', type: 'List`1', genericArgs: ['T'] }] })
  t.match(type('PagedRequest'), { properties: [{ name: 'Page', type: 'Nullable`1', genericArgs: ['Int32'], isValueType: true }] })
  t.match(type('DeviceTokenEntry'), { properties: [{}, {}, { name: 'DateCreated', type: 'DateTime', isValueType: true }] })
  t.notOk(type('ResponseStatus'), "ServiceStack's own types are left to its clients")
})

t.test('an API of 1,000 operations: the index lists them all, rendered once', async (t) => {
  const app = await fixtureApp(t, { modules: [manyOperations(1000)] })

  const first = await app.inject('/metadata')
  const again = await app.inject('/metadata')
  const page = await app.inject('/jsv/metadata?op=Operation0999')
  const called = await app.inject({ method: 'POST', url: '/operations/999', payload: { input: 'x' } })

  t.equal(first.statusCode, 200)
  t.equal((first.body.match(/<tr><th scope="row">/g) ?? []).length, 1000)
  t.equal(again.body, first.body)
  t.match(visibleText(page.body), 'Operation number 999')
  t.match(visibleText(page.body), 'POST /operations/999 HTTP/1.1 ')
  t.same(called.json(), { result: 'x' })
})
