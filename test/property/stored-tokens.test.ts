/**
 * Random device tokens go through the sample app and its SQLite database: created in one
 * format, listed in another, deleted, each unchanged on the way.
 */
import t from 'tap'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Format } from '../../src/formats/format'
import { jsonFormat } from '../../src/formats/json'
import { jsvFormat } from '../../src/formats/jsv'
import { xmlFormat } from '../../src/formats/xml'
import { ConvertContext, convertObject, defaultConvertLimits } from '../../src/http/convert-value'
import type { ClassRef } from '../../src/registry/model'
import { buildApp, users } from '../helpers/build-app'
import { parseCsv } from '../hostile/harness'
import { text } from './arbitraries'

// What the sample accepts as a token: not blank, at most 4096 characters.
const token = text.filter((s) => /\S/.test(s) && s.length <= 4096)

const bodyFormats: [Format, string][] = [[jsonFormat, 'application/json'], [xmlFormat, 'application/xml'], [jsvFormat, 'application/jsv']]

function tokensIn(format: string, body: string, type: ClassRef): string[] {
  if (format === 'csv') {
    const [header, ...rows] = parseCsv(body)
    const column = header!.indexOf('Token')
    return rows.map((row) => row[column]!)
  }
  const reader = { json: jsonFormat, xml: xmlFormat, jsv: jsvFormat }[format]!
  const parsed = reader.parse!(body, type, { strictXml: false, maxDepth: defaultConvertLimits.maxDepth })
  const ctx = new ConvertContext(defaultConvertLimits)
  const list = convertObject(parsed.value, type, '', { ctx, textual: parsed.textual, depth: 0 }) as { items?: { token?: string }[] }
  assert.deepEqual(ctx.errors, [])
  return (list.items ?? []).map((item) => item.token!)
}

t.test('a random token is stored, listed in every format and deleted, unchanged', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  const registry = built.app.dtostack.registry
  const create = registry.operation('NewDeviceToken')!
  const listType = registry.operation('ListDeviceTokens')!.response as ClassRef

  await fc.assert(
    fc.asyncProperty(token, fc.constantFrom(...bodyFormats), fc.constantFrom('json', 'xml', 'jsv', 'csv'), async (value, [format, mediaType], listFormat) => {
      const body = format.serialize({ deviceType: 'Web', token: value }, create.requestRef, { dateStyle: 'iso8601' })
      const created = await built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie, 'content-type': mediaType }, payload: body })
      assert.equal(created.statusCode, 200, created.body.slice(0, 300))
      assert.equal(created.json().token, value)

      const listed = await built.app.inject({ url: `/app/tokens?countPerPage=1000&format=${listFormat}`, headers: { cookie } })
      assert.equal(listed.statusCode, 200, listed.body.slice(0, 300))
      assert.ok(tokensIn(listFormat, listed.body, listType).includes(value), `${JSON.stringify(value)} is listed in ${listFormat}`)

      // A token that is a dot segment cannot travel in the path: it goes in the query string.
      const inPath = !value.split(/[/\\]/).some((part) => part === '.' || part === '..')
      const url = inPath ? `/app/tokens/${encodeURIComponent(value)}` : `/api/DeleteDeviceToken?token=${encodeURIComponent(value)}`
      const deleted = await built.app.inject({ method: 'DELETE', url, headers: { cookie } })
      assert.equal(deleted.statusCode, 204, deleted.body.slice(0, 300))
    }),
    { numRuns: 150 },
  )
  const rest = await built.app.inject({ url: '/app/tokens', headers: { cookie } })
  t.equal(rest.json().totalCount, 0, 'every token was deleted again')
})
