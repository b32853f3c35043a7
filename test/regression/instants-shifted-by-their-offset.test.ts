/**
 * The years 1 to 9999 bound the instant, not the digits sent: an offset that carries a
 * date across the bound is refused, as is an offset no time zone has.
 */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

const outside = [
  '0001-01-01T00:00:00+01:00',
  '0001-01-01T00:30:00+00:31',
  '9999-12-31T23:59:59.9999999-01:00',
  '9999-12-31T23:00:00-14:00',
]
const impossibleOffsets = ['2024-01-01T00:00:00+99:99', '2024-01-01T00:00:00+14:01', '2024-01-01T00:00:00-00:60']

t.test('an instant pushed out of the years 1 to 9999 by its offset is refused in every way it arrives', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  for (const sent of [...outside, ...impossibleOffsets]) {
    const json = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', when: sent } })
    const query = await app.inject({ url: `/kinds?needed=x&when=${encodeURIComponent(sent)}` })
    const xml = await app.inject({
      method: 'POST',
      url: '/xml/reply/EchoKinds?format=json',
      headers: { 'content-type': 'application/xml' },
      payload: `<EchoKinds><Needed>x</Needed><When>${sent}</When></EchoKinds>`,
    })
    for (const [how, res] of [['json', json], ['query', query], ['xml', xml]] as const) {
      t.equal(res.statusCode, 400, `${sent} in ${how}`)
      t.match(res.json().responseStatus.errors, [{ fieldName: 'When', message: /is not a date/ }], `${sent} in ${how}`)
    }
  }
})

t.test('offsets that keep the instant within the years are read to the same instant', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const cases = [
    ['0001-01-01T01:00:00+01:00', '0001-01-01T00:00:00Z'],
    ['9999-12-31T22:59:59.999-01:00', '9999-12-31T23:59:59.999Z'],
    ['2024-03-01T10:00:00+14:00', '2024-02-29T20:00:00Z'],
    ['2024-03-01T10:00:00-1200', '2024-03-01T22:00:00Z'],
  ]
  for (const [sent, answered] of cases) {
    const res = await app.inject({ method: 'POST', url: '/kinds', payload: { needed: 'x', when: sent } })
    t.equal(res.statusCode, 200, sent)
    t.equal(res.json().when, answered, sent)
  }
})
