/** A url-encoded form past 1000 fields is a 413, as a multipart one is. */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

t.test('1000 fields are read, 1001 are a 413', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const form = (n: number) => ['needed=y', ...Array.from({ length: n - 1 }, (_, i) => `f${i}=1`)].join('&')
  const send = (payload: string) =>
    app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload })

  const fits = await send(form(1000))
  const over = await send(form(1001))

  t.equal(fits.statusCode, 200)
  t.equal(over.statusCode, 413)
  t.match(over.json(), { responseStatus: { errorCode: 'PayloadTooLarge' } })
})
