/** JSV both ways, CSV and HTML responses, as clients and people read them. */
import t from 'tap'
import { writeJsv } from '../../src/formats/jsv'
import { parseJsv } from '../../src/formats/jsv/parse'
import * as kinds from '../fixtures/dtos/kinds'
import { buildApp, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'

t.test('JSV quotes a string only when it must, doubling its quotes', async (t) => {
  t.equal(writeJsv({ name: 'Bob' }), '{name:Bob}')
  t.equal(writeJsv({ result: 'Hello, W!' }), '{result:"Hello, W!"}')
  t.equal(writeJsv({ a: 'say "hi"', b: 'x:y', c: '{}', d: '[1]', e: 'line\nbreak', f: '', g: ' padded' }),
    '{a:"say ""hi""",b:"x:y",c:"{}",d:"[1]",e:"line\nbreak",f:"",g:" padded"}')
  t.equal(writeJsv({ tags: ['a', 'b,c'], n: 1, ok: true, child: { x: 1 } }), '{tags:[a,"b,c"],n:1,ok:true,child:{x:1}}')
})

t.test('JSV reads what it writes, and the indented samples of metadata pages', async (t) => {
  const text = '{a:"say ""hi""",tags:[a,"b,c"],child:{x:1},empty:"",list:[]}'

  t.same(parseJsv(text), { a: 'say "hi"', tags: ['a', 'b,c'], child: { x: '1' }, empty: '', list: [] })
  t.same(parseJsv('{\n\tdeviceType: Web,\n\ttoken: String\n}'), { deviceType: 'Web', token: 'String' })
  t.equal(Object.getPrototypeOf(parseJsv('{__proto__:{x:1}}')), null, 'objects have no prototype')
})

t.test('malformed JSV is a 400', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const payload of ['{text:"unclosed', '{text:a', '{text a}', '[a,b', '{a:1}}', '{'.repeat(100) + '}'.repeat(100)]) {
    const res = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'text/jsv' }, payload })
    t.equal(res.statusCode, 400, payload.slice(0, 30))
    t.match(res.json(), { responseStatus: { errorCode: 'SerializationException' } })
  }
})

t.test('every type kind round-trips through JSV', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const full = {
    text: 'hi, "you": {x}',
    count: -3,
    times: 4,
    big: 9007199254740991,
    ratio: 1.5,
    price: 10.25,
    flag: false,
    when: '2024-03-01T10:00:00.123Z',
    duration: 'PT1.5S',
    guid: '0f8fad5b-d9cb-469f-a165-70867728950e',
    data: Buffer.from('bytes?').toString('base64'),
    color: 'Green',
    frequency: 1,
    tags: ['a', 'b,c', ''],
    counts: { 'My Key': 1, other: 2 },
    tree: { name: 'root', children: [{ name: 'leaf', children: [] }] },
    orders: { items: [{ quantity: 2, customer: { name: 'c' } }], total: 1 },
    renamed_field: 'r',
    needed: 'yes',
    id: 42,
  }
  const asJsv = await app.inject({ method: 'POST', url: '/kinds?format=jsv', payload: full })

  const back = await app.inject({ method: 'POST', url: '/kinds?format=jsv', headers: { 'content-type': 'application/jsv' }, payload: asJsv.body })
  const asJson = await app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'text/jsv' }, payload: asJsv.body })

  t.equal(asJsv.headers['content-type'], 'application/jsv')
  t.equal(back.body, asJsv.body)
  t.same(asJson.json(), full)
})

t.test('JSV writes an instant at midnight as its date alone', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({ url: '/kinds?needed=x&when=2024-01-02&format=jsv' })

  t.equal(res.body, '{when:2024-01-02,needed:x}')
})

t.test('structured values in a query string are JSV', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    url: `/kinds?needed=x&tree=${encodeURIComponent('{name:a,children:[{name:b}]}')}&counts=${encodeURIComponent('{a:1,b:2}')}&tags=${encodeURIComponent('[a,"b,c"]')}`,
  })
  const bad = await app.inject({ url: `/kinds?needed=x&tree=${encodeURIComponent('{name:a')}` })

  t.same(res.json(), { tags: ['a', 'b,c'], counts: { a: 1, b: 2 }, tree: { name: 'a', children: [{ name: 'b' }] }, needed: 'x' })
  t.equal(bad.statusCode, 400)
  t.match(bad.json().responseStatus.errors, [{ fieldName: 'Tree' }])
})

t.test('the list operation answers CSV through ?format=csv and the .csv suffix', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.alice)
  for (const token of ['plain', 'with,comma', 'with "quotes"', 'two\nlines']) {
    await app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token } })
  }

  const viaFormat = await app.inject({ url: '/app/tokens?format=csv', headers: { cookie } })
  const viaSuffix = await app.inject({ url: '/app/tokens.csv', headers: { cookie } })

  for (const res of [viaFormat, viaSuffix]) {
    t.equal(res.statusCode, 200)
    t.equal(res.headers['content-type'], 'text/csv')
    t.equal(res.headers['content-disposition'], 'attachment;filename="ListDeviceTokens.csv"')
    const lines = res.body.split('\r\n')
    t.equal(lines[0], 'DeviceType,Token,DateCreated')
    t.equal(lines.length, 6, 'a header, four rows and the final line end')
    t.match(res.body, /\r\nWeb,"two\nlines",\d{4}-/)
    t.match(res.body, /\r\nWeb,"with ""quotes""",/)
    t.match(res.body, /\r\nWeb,"with,comma",/)
    t.match(res.body, /\r\nWeb,plain,\d{4}-\d{2}-\d{2}T[^,]+Z\r\n$/)
  }
})

t.test('CSV of one object is one row; of an empty list, the header alone', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.bob)

  const empty = await app.inject({ url: '/app/tokens.csv', headers: { cookie } })
  const single = await app.inject({ method: 'POST', url: '/app/tokens.csv', headers: { cookie }, payload: { deviceType: 'iOS', token: 't' } })

  t.equal(empty.body, 'DeviceType,Token,DateCreated\r\n')
  t.equal(single.body, 'DeviceType,Token\r\niOS,t\r\n')
})

t.test('the HTML view shows a hostile stored token as text', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.alice)
  const hostile = ['</script><script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>']
  for (const token of hostile) {
    await app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token } })
  }

  const res = await app.inject({ url: '/app/tokens', headers: { cookie, accept: 'text/html' } })

  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
  t.match(res.body, /^<!doctype html>/)
  t.match(res.body, '<title>ListDeviceTokens</title>')
  t.notMatch(res.body, /<(script|img|svg)/i, 'no tag of the stored values reaches the page')
  t.match(res.body, '&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;')
  t.match(res.body, '&#60;img src=x onerror=alert(1)&#62;')
})
