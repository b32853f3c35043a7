/** One reading of Content-Type decides the parser, whatever its casing and spacing. */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

const body = '{"text":"x","needed":"y"}'

t.test('casing, spaces, tabs and parameters still read as JSON', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const contentType of [
    'application/json',
    'Application/JSON',
    'Application/JSON ;charset=utf-8',
    'application/json\t; charset=utf-8',
    'application/json; charset="UTF-8"',
    'application/json;charset=utf8',
    'text/json',
  ]) {
    const res = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': contentType }, payload: body })
    t.equal(res.statusCode, 200, JSON.stringify(contentType))
    t.same(res.json(), { text: 'x', needed: 'y' })
  }
})

t.test('a malformed or unsupported content type is a 415, never parsed anyway', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const contentType of [
    'application/json charset=utf8',
    'application/json; charset=latin1',
    'application',
    'application/json;;',
    'text/plain',
  ]) {
    const res = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': contentType }, payload: body })
    t.equal(res.statusCode, 415, JSON.stringify(contentType))
    t.match(res.json(), { responseStatus: { errorCode: 'UnsupportedMediaType' } })
  }
})

t.test('a body that is not UTF-8 is a 400', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json' },
    payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  })

  t.equal(res.statusCode, 400)
  t.match(res.json(), { responseStatus: { errorCode: 'BadRequest', message: /UTF-8/ } })
})

t.test('a body that holds U+FFFD itself is read, one with bad bytes beside it is a 400, in every text format', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const replacement = Buffer.from([0xef, 0xbf, 0xbd]) // U+FFFD, written as valid UTF-8
  const cases: Array<[string, string, string]> = [
    ['application/json', '{"text":"a', '","needed":"y"}'],
    ['application/xml', '<EchoKinds><Text>a', '</Text><Needed>y</Needed></EchoKinds>'],
    ['application/jsv', '{text:a', ',needed:y}'],
    ['application/x-www-form-urlencoded', 'needed=y&text=a', ''],
  ]
  for (const [contentType, before, after] of cases) {
    const send = (middle: Buffer) =>
      app.inject({
        method: 'POST',
        url: '/kinds',
        headers: { 'content-type': contentType, accept: 'application/json' },
        payload: Buffer.concat([Buffer.from(before), middle, Buffer.from(after)]),
      })
    const kept = await send(replacement)
    t.equal(kept.statusCode, 200, `${contentType}: ${kept.body}`)
    t.equal(kept.json().text, 'a\ufffd', `${contentType}: the character is kept`)

    const refused = await send(Buffer.concat([replacement, Buffer.from([0xff])]))
    t.equal(refused.statusCode, 400, contentType)
    t.match(refused.json(), { responseStatus: { errorCode: 'BadRequest', message: /UTF-8/ } }, contentType)
  }
})

t.test('a body over the limit is a 413 with a ResponseStatus, in every body format', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds], fastify: { bodyLimit: 1024 } } as never)
  const big = 'x'.repeat(2048)

  for (const [contentType, payload] of [
    ['application/json', `{"text":"${big}"}`],
    ['application/xml', `<EchoKinds><Text>${big}</Text></EchoKinds>`],
    ['application/jsv', `{text:${big}}`],
    ['application/x-www-form-urlencoded', `text=${big}`],
  ]) {
    const res = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': contentType!, accept: 'application/json' }, payload })
    t.equal(res.statusCode, 413, contentType)
    t.match(res.json(), { responseStatus: { errorCode: 'PayloadTooLarge' } })
  }
})

t.test('every spelling of XML reaches the XML reader', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const xml = '<EchoKinds><Text>x</Text><Needed>y</Needed></EchoKinds>'

  for (const contentType of ['application/xml', 'Application/XML', 'text/xml; charset=UTF-8', 'application/vnd.example+xml']) {
    const res = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': contentType }, payload: xml })
    t.equal(res.statusCode, 200, contentType)
    t.same(res.json(), { text: 'x', needed: 'y' })
  }
})
