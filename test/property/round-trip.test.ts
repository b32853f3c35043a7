/**
 * Random instances of a DTO with a member of every type kind go to a real server and come
 * back unchanged, in JSON, XML and JSV: written by the framework's own writers, echoed by
 * the server, read back by the framework's own readers and binder.
 */
import t from 'tap'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import type { Format } from '../../src/formats/format'
import { jsonFormat } from '../../src/formats/json'
import { jsvFormat } from '../../src/formats/jsv'
import { xmlFormat } from '../../src/formats/xml'
import { ConvertContext, convertObject, defaultConvertLimits } from '../../src/http/convert-value'
import type { ClassRef, TypeRef } from '../../src/registry/model'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'
import { arbitraryOf, normalise } from './arbitraries'

const numRuns = 200

interface Echo {
  readonly app: FastifyInstance
  readonly request: ClassRef
  readonly response: ClassRef
}

async function echoServer(t: tap.Test): Promise<Echo> {
  const app = await fixtureApp(t, { modules: [kinds] })
  const op = app.dtostack.registry.operation('EchoKinds')!
  return { app, request: op.requestRef, response: op.response as ClassRef }
}

// The request arbitrary: every member optional, `needed` (a required member) always set.
function requests(echo: Echo): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(arbitraryOf(echo.request) as fc.Arbitrary<Record<string, unknown>>, fc.string({ minLength: 1, maxLength: 5 }).filter((s) => /^\w+$/.test(s)))
    .map(([value, needed]) => ({ ...value, needed }))
}

// Reads an answer back as the server reads a request: the format's reader, then the binder.
function readBack(format: Format, body: string, type: TypeRef): { value: unknown; errors: readonly unknown[] } {
  const parsed = format.parse!(body, type, { strictXml: false, maxDepth: defaultConvertLimits.maxDepth })
  const ctx = new ConvertContext(defaultConvertLimits)
  const value = convertObject(parsed.value, type as ClassRef, '', { ctx, textual: parsed.textual, depth: 0 })
  return { value, errors: ctx.errors }
}

const formats: [Format, string][] = [
  [jsonFormat, 'application/json'],
  [xmlFormat, 'application/xml'],
  [jsvFormat, 'application/jsv'],
]

for (const [format, mediaType] of formats) {
  t.test(`random instances of every type kind survive a round trip through the server in ${format.name}`, async (t) => {
    const echo = await echoServer(t)

    await fc.assert(
      fc.asyncProperty(requests(echo), async (value) => {
        const body = format.serialize(value, echo.request, { dateStyle: 'iso8601' })
        const res = await echo.app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': mediaType, accept: mediaType }, payload: body })
        if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body.slice(0, 300)}`)
        const back = readBack(format, res.body, echo.response)
        if (back.errors.length > 0) throw new Error(`read back with errors: ${JSON.stringify(back.errors)}`)
        assert.deepEqual(normalise(back.value, echo.response), normalise(value, echo.request))
      }),
      { numRuns },
    )
    t.pass(`${numRuns} random instances came back unchanged`)
  })
}

t.test('JSON written in the WCF date style comes back unchanged too', async (t) => {
  const echo = await echoServer(t)
  const wcf = await fixtureApp(t, { modules: [kinds], dateStyle: 'wcf' })

  await fc.assert(
    fc.asyncProperty(requests(echo), async (value) => {
      const body = jsonFormat.serialize(value, echo.request, { dateStyle: 'wcf' })
      const res = await wcf.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/json' }, payload: body })
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body.slice(0, 300)}`)
      const back = readBack(jsonFormat, res.body, echo.response)
      assert.deepEqual(back.errors, [])
      assert.deepEqual(normalise(back.value, echo.response), normalise(value, echo.request))
    }),
    { numRuns: 100 },
  )
  t.pass('100 random instances came back unchanged')
})

t.test('text holding a character no format can answer is refused with a field error, never lost', async (t) => {
  const echo = await echoServer(t)
  const unwritable = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\ufffe', '\uffff')
  const placed = fc.tuple(fc.string({ maxLength: 5 }), unwritable, fc.string({ maxLength: 5 })).map((parts) => parts.join(''))

  await fc.assert(
    fc.asyncProperty(requests(echo), placed, fc.constantFrom(jsonFormat, jsvFormat), async (value, bad, format) => {
      const body = format.serialize({ ...value, text: bad }, echo.request, { dateStyle: 'iso8601' })
      const res = await echo.app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': `application/${format.name}` }, payload: body })
      assert.equal(res.statusCode, 400, res.body.slice(0, 200))
      assert.ok((res.json().responseStatus.errors as { fieldName: string }[]).some((e) => e.fieldName === 'Text'), res.body.slice(0, 200))
    }),
    { numRuns: 100 },
  )
  t.pass('100 values refused')
})

for (const [format, mediaType] of formats) {
  t.test(`random batches come back unchanged through /${format.name}/reply/EchoKinds[]`, async (t) => {
    const echo = await echoServer(t)
    const listOf = (item: ClassRef): TypeRef => ({ kind: 'list', item })

    await fc.assert(
      fc.asyncProperty(fc.array(requests(echo), { minLength: 1, maxLength: 4 }), async (batch) => {
        const body = format.serialize(batch, listOf(echo.request), { dateStyle: 'iso8601' })
        const url = `/${format.name}/reply/EchoKinds[]`
        const res = await echo.app.inject({ method: 'POST', url, headers: { 'content-type': mediaType }, payload: body })
        assert.equal(res.statusCode, 200, res.body.slice(0, 300))
        const parsed = format.parse!(res.body, listOf(echo.response), { strictXml: false, maxDepth: defaultConvertLimits.maxDepth })
        const back = parsed.value as unknown[]
        assert.equal(back.length, batch.length)
        back.forEach((item, i) => {
          const ctx = new ConvertContext(defaultConvertLimits)
          const value = convertObject(item, echo.response, '', { ctx, textual: parsed.textual, depth: 0 })
          assert.deepEqual(ctx.errors, [])
          assert.deepEqual(normalise(value, echo.response), normalise(batch[i], echo.request))
        })
      }),
      { numRuns: 60 },
    )
    t.pass('60 random batches came back unchanged')
  })
}
