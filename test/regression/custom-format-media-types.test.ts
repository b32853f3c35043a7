/**
 * A format's media types are the application's to choose: ones that repeat in other
 * casing, clash with a built-in format's, or are no `type/subtype` at all must not stop
 * the server from starting, and bodies of the format are still read.
 */
import t from 'tap'
import type { Format } from '../../src/index'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

// A tiny line format: `name=value` per line, read into and written from plain objects.
function lineFormat(mediaTypes: readonly string[]): Format {
  return {
    name: 'lines',
    contentType: 'application/x-lines',
    mediaTypes,
    serialize: (value) =>
      Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join('\n'),
    parse: (text) => ({ value: Object.fromEntries(text.split('\n').map((line) => line.split('=', 2))), textual: true }),
  }
}

for (const mediaTypes of [
  ['application/x-lines', 'Application/X-Lines'],
  ['application/x-lines', 'Application/JSON'],
  ['application/x-lines', 'lines'],
  ['application/x-lines', 'text/x lines', ''],
  [' application/x-lines '],
]) {
  t.test(`a format with media types ${JSON.stringify(mediaTypes)} starts and reads its bodies`, async (t) => {
    const app = await fixtureApp(t, { modules: [kinds], formats: [lineFormat(mediaTypes)] })

    const res = await app.inject({
      method: 'POST',
      url: '/kinds?format=json',
      headers: { 'content-type': 'application/x-lines' },
      payload: 'text=x\nneeded=y',
    })
    t.equal(res.statusCode, 200, res.body)
    t.same(res.json(), { text: 'x', needed: 'y' })

    // A format that names JSON's media type (in any casing) reads JSON-typed bodies from then on.
    const claimsJson = mediaTypes.some((m) => m.toLowerCase() === 'application/json')
    const payload = claimsJson ? 'needed=z' : '{"needed":"z"}'
    const json = await app.inject({ method: 'POST', url: '/kinds?format=json', headers: { 'content-type': 'application/json' }, payload })
    t.equal(json.statusCode, 200, json.body)
    t.same(json.json(), { needed: 'z' })
  })
}
