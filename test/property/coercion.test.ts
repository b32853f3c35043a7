/**
 * Random text fed to the coercion of every declared type, directly and through a real
 * server's query string and form bodies: it binds, or it is a field error naming the
 * member; never another exception, never a 5xx.
 */
import t from 'tap'
import fc from 'fast-check'
import { ConvertContext, convertValue, defaultConvertLimits } from '../../src/http/convert-value'
import type { TypeRef } from '../../src/registry/model'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'
import { membersOf, text } from './arbitraries'

const numRuns = 300

// Text shaped like what a client sends for each kind, mixed with anything at all.
const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  text,
  fc.constantFrom('', ' ', '0', '-0', '1e400', '-1', '2147483648', '9007199254740993', 'NaN', 'Infinity', 'true', 'off', 'y',
    '2024-02-29', '2024-02-30T00:00:00Z', '/Date(1)/', '/Date(-62135596800001)/', 'PT1H', '-P1D', '25:61:61', 'P1Y',
    '00000000-0000-0000-0000-000000000000', '{}', '[]', '{a:1}', '[a,b]', '[', '{', '{__proto__:1}', '[[[[', 'AAAA', 'A==='),
  fc.tuple(fc.constantFrom('[', '{', ''), fc.string({ maxLength: 10 }), fc.constantFrom(']', '}', '', ',')).map((parts) => parts.join('')),
  fc.integer().map(String),
  fc.double().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
)

interface Member {
  readonly key: string
  readonly name: string
  readonly type: TypeRef
}

async function echoMembers(t: tap.Test) {
  const app = await fixtureApp(t, { modules: [kinds] })
  const op = app.dtostack.registry.operation('EchoKinds')!
  const names = new Map<string, string>()
  for (let type: typeof op.request | undefined = op.request; type; type = type.base?.type) {
    for (const p of type.properties) names.set(p.key, p.name)
  }
  const members: Member[] = membersOf(op.request).map((m) => ({ ...m, name: names.get(m.key)! }))
  return { app, members }
}

t.test('every coercion binds random text or reports a field error, and never throws', async (t) => {
  const { members } = await echoMembers(t)

  for (const member of members) {
    fc.assert(
      fc.property(anyText, (raw) => {
        const ctx = new ConvertContext(defaultConvertLimits)
        const value = convertValue(raw, member.type, member.name, { ctx, textual: true, depth: 0 })
        if (ctx.errors.length > 0) {
          if (!ctx.errors.every((e) => e.fieldName.startsWith(member.name))) throw new Error(`an error names another field: ${JSON.stringify(ctx.errors)}`)
          return
        }
        // An empty value is absent before it reaches coercion; anything else binds to a value.
        if (value === undefined && raw !== '') throw new Error(`'${raw}' neither bound nor failed`)
      }),
      { numRuns },
    )
  }
  t.pass(`${members.length} coercions, ${numRuns} texts each`)
})

t.test('every member binds any JSON value or reports a field error, and never throws', async (t) => {
  const { members } = await echoMembers(t)
  // JSON values as a body holds them: any depth, any key (poisoning keys included).
  const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'children', 'items'))
  const { value: json } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string({ unit: 'binary', maxLength: 8 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.array(fc.tuple(key, tie('value')), { maxLength: 3 }).map((pairs) => JSON.parse(`{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`)),
    ),
  }))

  for (const member of members) {
    fc.assert(
      fc.property(json, (raw) => {
        const ctx = new ConvertContext(defaultConvertLimits)
        const value = convertValue(raw, member.type, member.name, { ctx, textual: false, depth: 0 })
        if (ctx.errors.length > 0) {
          if (!ctx.errors.every((e) => e.fieldName.startsWith(member.name))) throw new Error(`an error names another field: ${JSON.stringify(ctx.errors)}`)
          return
        }
        if (value === undefined) throw new Error(`${JSON.stringify(raw)} neither bound nor failed`)
      }),
      { numRuns },
    )
  }
  t.equal(({} as Record<string, unknown>).isAdmin, undefined)
  t.pass(`${members.length} members, ${numRuns} JSON values each`)
})

t.test('random text in a query string or form field is a 200 or a 400 naming the member', async (t) => {
  const { app, members } = await echoMembers(t)
  const wellFormed = anyText.filter((s) => s.isWellFormed())

  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...members), wellFormed, fc.boolean(), async (member, raw, asForm) => {
      const pair = `${encodeURIComponent(member.key)}=${encodeURIComponent(raw)}`
      const res = asForm
        ? await app.inject({ method: 'POST', url: '/kinds?needed=y', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: pair })
        : await app.inject({ url: `/kinds?needed=y&${pair}` })
      // The server must agree with the coercion itself.
      const ctx = new ConvertContext(defaultConvertLimits)
      convertValue(raw, member.type, member.name, { ctx, textual: true, depth: 0 })
      const expected = raw !== '' && ctx.errors.length > 0 ? 400 : 200
      if (res.statusCode !== expected) throw new Error(`${member.name}=${JSON.stringify(raw)}: ${res.statusCode}, expected ${expected}: ${res.body.slice(0, 200)}`)
      if (expected === 400) {
        const errors = res.json().responseStatus.errors as { fieldName: string }[]
        if (!errors.some((e) => e.fieldName.startsWith(member.name))) throw new Error(`no field error for ${member.name}: ${res.body.slice(0, 200)}`)
      }
    }),
    { numRuns: 500 },
  )
  t.pass('500 random query strings and form fields')
})

t.test('random query strings of any keys and values never answer a 5xx', async (t) => {
  const { app } = await echoMembers(t)
  const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'tree', 'counts', 'tags', 'format', 'callback', '__proto__[x]', 'constructor[prototype][x]'), fc.string({ maxLength: 8 }))
  const pairs = fc.array(fc.tuple(key, anyText.filter((s) => s.isWellFormed())), { maxLength: 6 })
  const before = Object.getOwnPropertyNames(Object.prototype).sort()

  await fc.assert(
    fc.asyncProperty(pairs, fc.boolean(), async (list, raw) => {
      // Raw pairs are sent as typed (unencoded % and all); the others percent-encoded.
      const query = list.map(([k, v]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&')
      const url = `/kinds?needed=y&${query.replace(/[#\s]/g, '')}`
      const res = await app.inject({ url })
      if (res.statusCode >= 500) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`)
      if (res.statusCode >= 400 && !/responseStatus|ResponseStatus|ErrorCode/.test(res.body)) throw new Error(`${url}: no ResponseStatus`)
    }),
    { numRuns: 400 },
  )
  t.same(Object.getOwnPropertyNames(Object.prototype).sort(), before)
  t.equal(({} as Record<string, unknown>).x, undefined)
})
