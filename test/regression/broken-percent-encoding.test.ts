/** Query strings and forms whose escapes are broken or not UTF-8 are refused, not kept as typed. */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

t.test('a query value of %FF is a 400, not the text "%FF"', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const query of ['text=%FF', 'text=100%', 'te%C0%AFxt=a', 'text=%ED%A0%80']) {
    const res = await app.inject({ url: `/kinds?needed=y&${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { responseStatus: { errorCode: 'BadRequest', message: /query string/ } })
  }
})

t.test('a form body with a broken escape is a 400', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'needed=y&text=%E0%A4%A',
  })

  t.equal(res.statusCode, 400)
  t.match(res.json(), { responseStatus: { errorCode: 'BadRequest', message: /form body/ } })
})

t.test('well-formed escapes still bind', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({ url: '/kinds?needed=y&text=%C3%A9%25+x' })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { needed: 'y', text: 'é% x' })
})
