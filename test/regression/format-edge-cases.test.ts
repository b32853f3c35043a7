/** Edge cases of the wire formats found in review: none may lose data or answer a 500. */
import t from 'tap'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { Handles, Route } from '../../src/index'
import { createRegistry } from '../../src/registry/scan'
import * as kinds from '../fixtures/dtos/kinds'
import { buildApp, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'

@Route('/untyped', 'GET')
class Untyped {}

class UntypedServices {
  @Handles()
  get(_request: Untyped): object {
    return { name: 'x', when: new Date(Date.UTC(2020, 0, 1)), list: [{ n: 1 }, { n: 2 }], nothing: null }
  }
}

@Route('/oddkeys', 'GET')
class OddKeys {}

class OddKeyServices {
  @Handles()
  get(_request: OddKeys): object {
    return [{ '': 1, b: 2 }]
  }
}

t.test('a batch body that is no list is a 400, never an empty success', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.alice)

  const form = await app.inject({
    method: 'POST',
    url: '/api/NewDeviceToken[]',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'deviceType=Web&token=f',
  })
  const nothing = await app.inject({ method: 'POST', url: '/api/NewDeviceToken[]', headers: { cookie, 'content-type': 'application/json' }, payload: 'null' })
  const nilXml = await app.inject({
    method: 'POST',
    url: '/xml/reply/NewDeviceToken[]',
    headers: { cookie },
    payload: '<ArrayOfNewDeviceToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true" />',
  })

  for (const res of [form, nothing, nilXml]) {
    t.equal(res.statusCode, 400)
    t.match(res.body, /A batch is a list of requests/)
  }
})

t.test('text XML cannot hold is refused on input, and never written as broken XML', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const json = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/json' }, payload: '{"needed":"x","text":"x\\u0001y"}' })
  const rawXml = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/xml' }, payload: '<EchoKinds><Needed>n</Needed><Text>x\u0001y</Text></EchoKinds>' })
  const refXml = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/xml' }, payload: '<EchoKinds><Needed>n</Needed><Text>x&#x1;y</Text></EchoKinds>' })

  t.equal(json.statusCode, 400)
  t.match(json.json().responseStatus.errors, [{ fieldName: 'Text', message: /control character/ }])
  t.equal(rawXml.statusCode, 400)
  t.equal(refXml.statusCode, 400)
})

t.test('JSV keeps nulls inside lists apart from empty strings', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const jsv = await app.inject({ method: 'POST', url: '/kinds?format=jsv', payload: { needed: 'x', tags: ['a', null, ''] } })
  const back = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/jsv' }, payload: jsv.body })

  t.equal(jsv.body, '{tags:[a,,""],needed:x}')
  t.same(back.json(), { tags: ['a', null, ''], needed: 'x' })
})

t.test('an operation without a response type is warned about and still written faithfully', async (t) => {
  const { warnings } = createRegistry({ modules: [{ Untyped, UntypedServices }] })
  const app = await fixtureApp(t, { modules: [{ Untyped, UntypedServices, OddKeys, OddKeyServices }] })

  const xml = await app.inject({ url: '/untyped?format=xml' })
  const jsv = await app.inject({ url: '/untyped?format=jsv' })
  const csv = await app.inject({ url: '/oddkeys?format=csv' })
  const oddXml = await app.inject({ url: '/oddkeys?format=xml' })

  t.match(warnings, [/'Untyped' declares no response type/])
  t.equal(
    xml.body,
    '<?xml version="1.0" encoding="utf-8"?><Response xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/">' +
      '<name>x</name><when>2020-01-01T00:00:00Z</when><list><Item><n>1</n></Item><Item><n>2</n></Item></list><nothing i:nil="true" /></Response>',
  )
  t.equal(jsv.body, '{name:x,when:"2020-01-01T00:00:00Z",list:[{n:1},{n:2}]}')
  t.equal(csv.statusCode, 200)
  t.equal(csv.body, ',B\r\n1,2\r\n')
  t.equal(oddXml.statusCode, 500, 'a key that is no XML name is refused, not written')
})

t.test('instants outside the years 1 to 9999 are refused', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const when of ['/Date(253402300800000)/', '0000-01-01', '/Date(-62135596800001)/']) {
    const res = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', when } })
    t.equal(res.statusCode, 400, when)
  }
  const last = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', when: '9999-12-31T23:59:59Z' } })
  t.equal(last.json().when, '9999-12-31T23:59:59Z')
})

t.test('a form with more fields than the limit is a 413, not silently cut', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const boundary = 'b'
  const fields = Array.from({ length: 1100 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('')

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `${fields}--${boundary}\r\nContent-Disposition: form-data; name="needed"\r\n\r\nx\r\n--${boundary}--\r\n`,
  })

  t.equal(res.statusCode, 413)
})

t.test('Accept with q=0 refuses a type', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({ url: '/kinds?needed=x', headers: { accept: 'application/xml;q=0' } })

  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
})

t.test('compressed bodies: coding names in any case, deflate raw or zlib-wrapped', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const body = '{"needed":"packed"}'
  const cases: Array<[string, Buffer]> = [
    ['GZIP', gzipSync(body)],
    ['deflate', deflateSync(body)],
    ['deflate', deflateRawSync(body)],
    [' Deflate ', deflateRawSync(body)],
  ]

  for (const [coding, payload] of cases) {
    const res = await app.inject({
      method: 'POST',
      url: '/kinds',
      headers: { 'content-type': 'application/json', 'content-encoding': coding },
      payload,
    })
    t.equal(res.statusCode, 200, coding)
    t.same(res.json(), { needed: 'packed' })
  }
})

t.test('XML: nil only in the schema-instance namespace; no doubled map keys; no text in lists', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const post = (payload: string) =>
    app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/xml' }, payload })
  const xsi = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'

  const otherNil = await post(`<EchoKinds ${xsi} xmlns:f="urn:other"><Needed>n</Needed><Text f:nil="true">kept</Text></EchoKinds>`)
  const realNil = await post(`<EchoKinds ${xsi}><Needed>n</Needed><Text i:nil="true" /></EchoKinds>`)
  const twiceKey = await post('<EchoKinds><Needed>n</Needed><Counts><KeyValueOfstringint><Key>a</Key><Value>1</Value></KeyValueOfstringint><KeyValueOfstringint><Key>a</Key><Value>2</Value></KeyValueOfstringint></Counts></EchoKinds>')
  const nilKey = await post(`<EchoKinds ${xsi}><Needed>n</Needed><Counts><KeyValueOfstringint><Key i:nil="true" /><Value>1</Value></KeyValueOfstringint></Counts></EchoKinds>`)
  const textList = await post('<EchoKinds><Needed>n</Needed><Tags>a,b</Tags></EchoKinds>')
  const cdataDoctype = await post('<EchoKinds><Needed>n</Needed><Text><![CDATA[<!DOCTYPE html>]]></Text></EchoKinds>')

  t.same(otherNil.json(), { text: 'kept', needed: 'n' })
  t.same(realNil.json(), { needed: 'n' })
  t.equal(twiceKey.statusCode, 400)
  t.equal(nilKey.statusCode, 400)
  t.equal(textList.statusCode, 400)
  t.same(cdataDoctype.json(), { text: '<!DOCTYPE html>', needed: 'n' })
})
