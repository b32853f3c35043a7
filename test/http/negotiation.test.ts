/** The response format, decided once per request in a fixed order, for every way of asking. */
import t from 'tap'
import * as routes from '../fixtures/dtos/routes'
import { fixtureApp } from '../helpers/fixture-app'

const types = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml',
  jsv: 'application/jsv',
  csv: 'text/csv',
  html: 'text/html; charset=utf-8',
  jsonp: 'text/javascript; charset=utf-8',
}
const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

// [what is asked, url, Accept, expected format, start of the body]
const table: Array<[string, string, string | undefined, keyof typeof types, string]> = [
  ['no Accept', '/hello/World', undefined, 'json', '{"result":"Hello, World!"}'],
  ['Accept */*', '/hello/World', '*/*', 'json', '{"result"'],
  ['Accept application/xml', '/hello/World', 'application/xml', 'xml', '<?xml version="1.0" encoding="utf-8"?><HelloResponse'],
  ['Accept text/xml', '/hello/World', 'text/xml', 'xml', '<?xml'],
  ['Accept text/jsv', '/hello/World', 'text/jsv', 'jsv', '{result:"Hello, World!"}'],
  ['Accept text/csv', '/hello/World', 'text/csv', 'csv', 'Result\r\n"Hello, World!"\r\n'],
  ['a browser', '/hello/World', browser, 'html', '<!doctype html>'],
  ['q-values: xml at 0.1, json at 1', '/hello/World', 'application/xml;q=0.1, application/json', 'json', '{"result"'],
  ['q-values: the highest wins over order', '/hello/World', 'application/json;q=0.5, application/xml', 'xml', '<?xml'],
  ['a wildcard with a q-value', '/hello/World', '*/*;q=0.5', 'json', '{"result"'],
  ['q=0 refuses a type', '/hello/World', 'application/xml;q=0, text/csv;q=0.1', 'csv', 'Result'],
  ['only types not served', '/hello/World', 'image/png', 'json', '{"result"'],
  ['?format=xml beats Accept', '/hello/World?format=xml', 'application/json', 'xml', '<?xml'],
  ['?format=jsv', '/hello/World?format=jsv', undefined, 'jsv', '{result:'],
  ['?format=csv', '/hello/World?format=csv', undefined, 'csv', 'Result'],
  ['?format=html', '/hello/World?format=html', undefined, 'html', '<!doctype html>'],
  ['?format=json.pretty reads json', '/hello/World?format=json.pretty', 'application/xml', 'json', '{"result"'],
  ['the .xml suffix', '/hello/World.xml', undefined, 'xml', '<?xml'],
  ['the .csv suffix beats ?format=', '/hello/World.csv?format=xml', undefined, 'csv', 'Result'],
  ['the .json suffix beats ?format=', '/hello/World.json?format=xml', 'application/xml', 'json', '{"result"'],
  ['/xml/reply ignores Accept', '/xml/reply/Hello?name=W', 'application/json', 'xml', '<?xml'],
  ['/jsv/reply', '/jsv/reply/Hello?name=W', undefined, 'jsv', '{result:"Hello, W!"}'],
  ['/csv/reply', '/csv/reply/Hello?name=W', undefined, 'csv', 'Result'],
  ['/json/reply ignores Accept', '/json/reply/Hello?name=W', 'application/xml', 'json', '{"result"'],
  ['/api ignores Accept', '/api/Hello?name=W', 'application/xml', 'json', '{"result"'],
  ['/api with a suffix', '/api/Hello.csv?name=W', undefined, 'csv', 'Result'],
  ['/api with ?format=', '/api/Hello?name=W&format=jsv', undefined, 'jsv', '{result:"Hello, W!"}'],
  ['/xml/reply with ?format=json', '/xml/reply/Hello?name=W&format=json', undefined, 'json', '{"result"'],
  ['/xml/oneway', '/xml/oneway/Hello?name=W', undefined, 'xml', '<?xml'],
  ['?callback= wraps JSON', '/hello/World?callback=cb', undefined, 'jsonp', 'cb({"result":"Hello, World!"})'],
  ['?callback= beats ?format=', '/hello/World?callback=cb&format=xml', undefined, 'jsonp', 'cb('],
]

t.test('negotiation order: suffix, callback, ?format=, pre-defined route, Accept, JSON', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })

  for (const [name, url, accept, format, start] of table) {
    const res = await app.inject({ url, headers: accept ? { accept } : {} })
    t.equal(res.statusCode, 200, name)
    t.equal(res.headers['content-type'], types[format], name)
    t.ok(res.body.startsWith(start), `${name}: ${res.body.slice(0, 60)}`)
    t.notMatch(String(res.headers['content-type']), /q=/, `${name}: no q-value echoed`)
  }
})

t.test('errors answer in the negotiated format too', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })

  const xml = await app.inject({ url: '/hello?times=abc', headers: { accept: 'application/xml' } })
  const jsv = await app.inject({ url: '/hello?times=abc&format=jsv' })
  const csv = await app.inject({ url: '/hello.csv?times=abc' })
  const html = await app.inject({ url: '/hello?times=abc', headers: { accept: browser } })
  const notFound = await app.inject({ url: '/nowhere.xml?format=xml' })

  t.equal(xml.statusCode, 400)
  t.match(xml.body, /<ErrorCode>SerializationException<\/ErrorCode>.*<FieldName>Times<\/FieldName>/)
  t.equal(jsv.statusCode, 400)
  t.equal(
    jsv.body,
    "{responseStatus:{errorCode:SerializationException,message:Unable to bind to request 'Hello',errors:[{errorCode:SerializationException,fieldName:Times,message:'abc' is not an integer}]}}",
  )
  t.equal(csv.statusCode, 400)
  t.equal(
    csv.body,
    'ErrorCode,Message,StackTrace,Errors,Meta\r\n' +
      "SerializationException,Unable to bind to request 'Hello',,\"[{errorCode:SerializationException,fieldName:Times,message:'abc' is not an integer}]\",\r\n",
  )
  t.equal(html.statusCode, 400)
  t.match(html.body, /<th scope="row">errorCode<\/th><td>SerializationException<\/td>/)
  t.equal(notFound.statusCode, 404)
  t.equal(notFound.headers['content-type'], types.xml)
})

t.test('JSONP: a plain callback name, errors as 200, never with a session cookie', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })

  const error = await app.inject({ url: '/hello?times=x&callback=my.handler_1' })
  const badName = await app.inject({ url: '/hello/World?callback=alert(1)//' })
  const cookie = await app.inject({ url: '/hello/World?callback=cb', headers: { cookie: 'ss-id=abc' } })

  t.equal(error.statusCode, 200)
  t.match(error.body, /^my\.handler_1\(\{"responseStatus":\{"errorCode":"SerializationException"/)
  t.equal(error.headers['x-content-type-options'], 'nosniff')
  t.equal(badName.statusCode, 400)
  t.equal(badName.headers['content-type'], types.json)
  t.equal(cookie.statusCode, 403)
  t.match(cookie.json(), { responseStatus: { errorCode: 'Forbidden', message: /cookie/ } })
})

t.test('an unknown ?format= is a 406 naming the formats served', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })

  const res = await app.inject({ url: '/hello/World?format=yaml' })

  t.equal(res.statusCode, 406)
  t.equal(res.json().responseStatus.message, "Unknown format 'yaml': use one of json, xml, jsv, csv, html")
})
