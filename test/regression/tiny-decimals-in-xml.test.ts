/** A decimal too small for twenty places is written in full in XML, not rounded to 0. */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

t.test('decimals in exponent form come back from XML as they were sent', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const price of [-5e-324, 1e-21, 1.5e-7, 2.5e300, 1e21, -1.2345e-30]) {
    const res = await app.inject({
      method: 'POST',
      url: '/kinds?format=xml',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ needed: 'y', price }),
    })
    const written = /<Price>([^<]*)<\/Price>/.exec(res.body)?.[1]
    t.notMatch(written, /[eE]/, `${price} is written without an exponent`)
    t.equal(Number(written), price, `${price} is written as ${written}`)
  }
})
