/** Binding and coercion: every type kind from JSON and from text, and bad input refused. */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

const build = (t: tap.Test) => fixtureApp(t, { modules: [kinds] })

const full = {
  text: 'hi',
  count: 3,
  times: 4,
  big: 9007199254740991,
  ratio: 1.5,
  price: 10.25,
  flag: true,
  when: '2024-03-01T10:00:00.123Z',
  duration: 'PT1H30M',
  guid: '0f8fad5b-d9cb-469f-a165-70867728950e',
  data: Buffer.from('bytes').toString('base64'),
  color: 'Green',
  frequency: 7,
  tags: ['a', 'b'],
  counts: { MyKey: 1, other: 2 },
  tree: { name: 'root', children: [{ name: 'leaf', children: [] }] },
  orders: { items: [{ quantity: 2, customer: { name: 'c' } }], total: 1 },
  renamed_field: 'r',
  needed: 'yes',
  id: 42,
}

t.test('every type kind round-trips through JSON', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/kinds', payload: full })

  t.equal(res.statusCode, 200, res.body)
  t.same(res.json(), full)
  t.same(Object.keys(res.json()).slice(-1), ['id'], 'base class members come after the subclass\'s own')
})

t.test('JSON keys match properties in any case; unknown keys are ignored', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/kinds', payload: { TEXT: 'x', Needed: 'y', unknown: 1 } })

  t.same(res.json(), { text: 'x', needed: 'y' })
})

t.test('text from the query string is coerced by the declared type', async (t) => {
  const app = await build(t)
  const query = new URLSearchParams({
    text: '0001',
    count: '5',
    times: '-2',
    big: '9007199254740991',
    ratio: '1e3',
    price: '0.1',
    flag: 'on',
    when: '2020-01-01',
    duration: '01:30:00',
    guid: '0F8FAD5BD9CB469FA16570867728950E',
    data: 'Ynl0ZXM=',
    color: 'blue',
    frequency: 'Daily',
    tags: 'a,b,c',
    needed: 'x',
  })

  const res = await app.inject({ url: `/kinds?${query}` })

  t.equal(res.statusCode, 200, res.body)
  t.same(res.json(), {
    text: '0001',
    count: 5,
    times: -2,
    big: 9007199254740991,
    ratio: 1000,
    price: 0.1,
    flag: true,
    when: '2020-01-01T00:00:00Z',
    duration: 'PT1H30M',
    guid: '0f8fad5b-d9cb-469f-a165-70867728950e',
    data: 'Ynl0ZXM=',
    color: 'Blue',
    frequency: 1,
    tags: ['a', 'b', 'c'],
    needed: 'x',
  })
})

t.test('a path variable is text too: 0001 stays a string', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/kinds/0001?needed=1', payload: { text: 'body' } })

  t.equal(res.json().text, '0001')
})

t.test('booleans accept what ServiceStack accepts, and nothing else', async (t) => {
  const app = await build(t)
  const cases: Array<[string, boolean | undefined]> = [
    ['1', true], ['on', true], ['TRUE', true], ['y', true], ['t', true],
    ['0', false], ['n', false], ['false', false], ['off', false], ['F', false],
    ['yes', undefined], ['2', undefined],
  ]

  for (const [text, expected] of cases) {
    const res = await app.inject({ url: `/kinds?needed=x&flag=${text}` })
    if (expected === undefined) {
      t.equal(res.statusCode, 400, text)
      t.match(res.json().responseStatus.errors, [{ errorCode: 'SerializationException', fieldName: 'Flag' }], text)
    } else {
      t.equal(res.json().flag, expected, text)
    }
  }
})

t.test('lists arrive as a,b,c or [a,b], or as repeated keys', async (t) => {
  const app = await build(t)

  const jsv = await app.inject({ url: '/kinds?needed=x&tags=[a,b]' })
  const repeated = await app.inject({ url: '/kinds?needed=x&tags=a&tags=b' })
  const empty = await app.inject({ url: '/kinds?needed=x&tags=[]' })

  t.same(jsv.json().tags, ['a', 'b'])
  t.same(repeated.json().tags, ['a', 'b'])
  t.same(empty.json().tags, [])
})

t.test('text that does not fit the type is a 400 naming the field', async (t) => {
  const app = await build(t)
  const cases: Array<[string, string]> = [
    ['count=abc', 'Count'],
    ['count=2147483648', 'Count'],
    ['count=1.5', 'Count'],
    ['big=9007199254740992', 'Big'],
    ['ratio=1,5', 'Ratio'],
    ['when=2024-02-30', 'When'],
    ['when=yesterday', 'When'],
    ['duration=soon', 'Duration'],
    ['guid=not-a-guid', 'Guid'],
    ['color=Purple', 'Color'],
    ['frequency=3', 'Frequency'],
    ['data=%25%25%25', 'Data'],
  ]

  for (const [query, field] of cases) {
    const res = await app.inject({ url: `/kinds?needed=x&${query}` })
    t.equal(res.statusCode, 400, query)
    const status = res.json().responseStatus
    t.equal(status.message, "Unable to bind to request 'EchoKinds'", query)
    t.equal(status.errors[0].fieldName, field, query)
  }
})

t.test('every failing field is reported at once', async (t) => {
  const app = await build(t)

  const res = await app.inject({ url: '/kinds?needed=x&count=a&ratio=b&flag=c' })

  t.same(res.json().responseStatus.errors.map((e: { fieldName: string }) => e.fieldName).sort(), ['Count', 'Flag', 'Ratio'])
})

t.test('empty query values are absent, never zero or a sentinel date', async (t) => {
  const app = await build(t)

  const res = await app.inject({ url: '/kinds?needed=x&when=&count=&color=&tags=' })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { needed: 'x' })
})

t.test('a JSON value of the wrong type is a 400, never dropped or converted', async (t) => {
  const app = await build(t)
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ text: 123 }, 'Text'],
    [{ count: '5' }, 'Count'],
    [{ count: 1.5 }, 'Count'],
    [{ flag: 'true' }, 'Flag'],
    [{ flag: 1 }, 'Flag'],
    [{ ratio: '1.5' }, 'Ratio'],
    [{ when: 1577836800000 }, 'When'],
    [{ tags: 'a' }, 'Tags'],
    [{ tags: [1] }, 'Tags[0]'],
    [{ counts: { a: 'x' } }, 'Counts[a]'],
    [{ counts: [1] }, 'Counts'],
    [{ tree: 5 }, 'Tree'],
    [{ tree: { children: [{ name: 5 }] } }, 'Tree.Children[0].Name'],
    [{ color: 'Purple' }, 'Color'],
    [{ frequency: 3 }, 'Frequency'],
  ]

  for (const [payload, field] of cases) {
    const res = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', ...payload } })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.equal(res.json().responseStatus.errors[0]?.fieldName, field, JSON.stringify(payload))
  }
})

t.test('a body that is not an object is a 400', async (t) => {
  const app = await build(t)

  for (const payload of ['[1,2]', '"text"', '42', 'null']) {
    const res = await app.inject({
      method: 'POST',
      url: '/kinds',
      headers: { 'content-type': 'application/json' },
      payload,
    })
    t.equal(res.statusCode, 400, payload)
    t.match(res.json(), { responseStatus: { errorCode: 'SerializationException' } }, payload)
  }
})

t.test('instants are read as ISO-8601 or WCF and written as ISO-8601, losing nothing', async (t) => {
  const app = await build(t)
  const cases: Array<[string, string]> = [
    ['/Date(1577836800000)/', '2020-01-01T00:00:00Z'],
    ['/Date(1577836800000+0100)/', '2020-01-01T00:00:00Z'],
    ['2020-01-01T01:00:00+01:00', '2020-01-01T00:00:00Z'],
    ['2020-01-01T00:00:00', '2020-01-01T00:00:00Z'],
    ['2024-03-01T10:00:00.5Z', '2024-03-01T10:00:00.500Z'],
  ]

  for (const [sent, written] of cases) {
    const res = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', when: sent } })
    t.equal(res.json().when, written, sent)
  }
})

t.test('nulls are accepted for any property and left out of the answer', async (t) => {
  const app = await build(t)

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    payload: { needed: 'x', color: null, times: null, tree: null, tags: null },
  })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { needed: 'x' })
})

t.test('a required member that is missing is a NotNull field error', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/kinds', payload: { text: 'x' } })

  t.equal(res.statusCode, 400)
  t.same(res.json().responseStatus, {
    errorCode: 'NotNull',
    message: "'Needed' must not be empty.",
    errors: [{ errorCode: 'NotNull', fieldName: 'Needed', message: "'Needed' must not be empty." }],
  })
})

t.test('nesting deeper than the limit is a 400, not a crash', async (t) => {
  const app = await build(t)
  const tree = '{"name":"n","children":['.repeat(10_000) + '{"name":"leaf"}' + ']}'.repeat(10_000)
  const deepJson = '['.repeat(10_000) + ']'.repeat(10_000)

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json' },
    payload: `{"needed":"x","tree":${tree}}`,
  })
  const junk = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json' },
    payload: `{"needed":"x","unknown":${deepJson}}`,
  })

  t.equal(res.statusCode, 400)
  t.match(res.json().responseStatus.errors[0].message, /nesting deeper than 64 levels/)
  t.equal(junk.statusCode, 200, 'undeclared keys are never walked')
})

t.test('the generic response of an operation is written with its type arguments', async (t) => {
  const app = await build(t)

  const res = await app.inject({ url: '/orders' })

  t.same(res.json(), { title: 'all', items: [{ quantity: 2 }], total: 1 })
})

t.test('a refused value is never walked, however deeply it nests', async (t) => {
  const app = await build(t)
  const deep = '['.repeat(5000) + ']'.repeat(5000)

  for (const field of ['text', 'color', 'count', 'when']) {
    const res = await app.inject({
      method: 'POST',
      url: '/kinds',
      headers: { 'content-type': 'application/json' },
      payload: `{"needed":"x","${field}":${deep}}`,
    })
    t.equal(res.statusCode, 400, field)
    t.match(res.json().responseStatus.errors[0].message, /^'\[list\]' is not/, field)
  }
})

t.test('NaN, Infinity and out-of-range durations are refused, never answered as null', async (t) => {
  const app = await build(t)
  const json = (payload: string) =>
    app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/json' }, payload })

  const overflow = await json('{"needed":"x","ratio":1e400}')
  const decimalNaN = await json('{"needed":"x","price":"NaN"}')
  const hugeInt = await json('{"needed":"x","count":1e400}')
  const hugeDuration = await json('{"needed":"x","duration":1e300}')
  const queryNaN = await app.inject({ url: '/kinds?needed=x&ratio=NaN&price=Infinity' })
  const xsdHuge = await app.inject({ url: '/kinds?needed=x&duration=P99999999999D' })

  for (const [name, res, field] of [
    ['overflow', overflow, 'Ratio'],
    ['decimal NaN', decimalNaN, 'Price'],
    ['huge int', hugeInt, 'Count'],
    ['huge duration', hugeDuration, 'Duration'],
    ['query NaN', queryNaN, 'Ratio'],
    ['huge XSD duration', xsdHuge, 'Duration'],
  ] as const) {
    t.equal(res.statusCode, 400, name)
    t.equal(res.json().responseStatus.errors[0].fieldName, field, name)
  }
  t.equal(hugeInt.json().responseStatus.errors[0].message, "'Infinity' is not an integer from -2147483648 to 2147483647")
})

t.test('text that is not valid Unicode is refused rather than stored corrupted', async (t) => {
  const app = await build(t)

  const lone = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json' },
    payload: '{"needed":"x","text":"\\ud800"}',
  })
  const key = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json' },
    payload: '{"needed":"x","counts":{"\\udfff":1}}',
  })
  const pair = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', text: '😀' } })

  t.equal(lone.statusCode, 400)
  t.match(lone.json().responseStatus.errors, [{ fieldName: 'Text', message: /not valid Unicode/ }])
  t.equal(key.statusCode, 400)
  t.equal(pair.json().text, '😀')
})

t.test('JSON values at the edge of their type are judged the same as members and as list items', async (t) => {
  const app = await build(t)
  const send = (payload: string) =>
    app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/json' }, payload })

  const edges = await send(
    '{"needed":"x","count":2147483647,"times":-2147483648,"big":9007199254740991,"ratio":-0.0,"flag":false,"text":"","tags":["","\\t\\n\\r ok","😀"]}',
  )
  t.equal(edges.statusCode, 200, edges.body)
  t.match(edges.json(), { count: 2147483647, times: -2147483648, big: 9007199254740991, flag: false, text: '', tags: ['', '\t\n\r ok', '😀'] })

  const refused = await send(
    '{"needed":"x","count":2147483648,"big":9007199254740992,"text":"a\\u0001","tags":["ok","a\\u0001","\\ud800","\\uffff",null,5]}',
  )
  t.equal(refused.statusCode, 400)
  t.same(
    refused.json().responseStatus.errors.map((e: { fieldName: string }) => e.fieldName).sort(),
    ['Big', 'Count', 'Tags[1]', 'Tags[2]', 'Tags[3]', 'Tags[5]', 'Text'],
    'every refused member and item is named, and a null item is kept as null',
  )

  const long = await send(`{"needed":"x","tags":["${'a'.repeat(65_537)}"]}`)
  t.equal(long.statusCode, 400)
  t.equal(long.json().responseStatus.errors[0]?.fieldName, 'Tags[0]')
})

t.test('dates in the years 1 to 99 are read, so .NET DateTime.MinValue round-trips', async (t) => {
  const app = await build(t)

  for (const sent of ['0001-01-01T00:00:00', '/Date(-62135596800000)/', '0099-12-31']) {
    const res = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', when: sent } })
    t.equal(res.statusCode, 200, sent)
    const written = res.json().when
    const again = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', when: written } })
    t.equal(again.json().when, written, `${sent} reads back what it writes`)
  }
})
