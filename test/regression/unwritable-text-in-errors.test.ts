/** An error quoting what the client sent is written in every format, control characters and all. */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

t.test('a content type with a vertical tab is a 415 in XML, not a 500', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds?format=xml',
    headers: { 'content-type': 'application/json\u000b' },
    payload: '{"needed":"y"}',
  })

  t.equal(res.statusCode, 415)
  t.match(res.body, /<ErrorCode>UnsupportedMediaType<\/ErrorCode><Message>Content-Type 'application\/json\ufffd' is malformed/)
})

t.test('an enum value holding a control character is a 400 in XML', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds?format=xml',
    headers: { 'content-type': 'application/json' },
    payload: '{"needed":"y","color":"Re\\u0001d"}',
  })

  t.equal(res.statusCode, 400)
  t.match(res.body, /<FieldName>Color<\/FieldName>/)
})

t.test('a map key holding a control character or a lone surrogate is a field error', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const key of ['\\u0001', '\\udc00', '\\uffff']) {
    const res = await app.inject({
      method: 'POST',
      url: '/kinds',
      headers: { 'content-type': 'application/json' },
      payload: `{"needed":"y","counts":{"${key}":1}}`,
    })
    t.equal(res.statusCode, 400, key)
    t.match(res.json().responseStatus.errors, [{ fieldName: /^Counts\[/ }])
  }
})
