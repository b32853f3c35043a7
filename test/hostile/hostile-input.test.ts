/**
 * The hostile-input barrage: malformed, oversized, deep, poisoned and odd requests against
 * real servers (a DTO of every type kind, the route fixtures and the sample app). Each is a
 * 4xx with a ResponseStatus in the format asked for, in time; the servers keep serving and
 * no prototype changes.
 */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import * as routes from '../fixtures/dtos/routes'
import { buildApp, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'
import {
  backtrackingText,
  brokenEncodings,
  contentTypes,
  deepNesting,
  invalidUtf8,
  limitsAndOddities,
  longInputs,
  malformedBodies,
  metadataPages,
  methodOverrides,
  oversizedBodies,
  pathTraversal,
  poisoning,
  truncatedBodies,
  unknownTargets,
  wrongTypes,
  xmlAttacks,
} from './cases'
import { Barrage, prototypeSnapshot, withoutPoison, type HostileCase } from './harness'

const classPrototypes = [kinds.AllKinds.prototype, kinds.EchoKinds.prototype, kinds.TreeNode.prototype, kinds.Order.prototype, kinds.Page.prototype]

async function runTables(t: tap.Test, barrage: Barrage, tables: Record<string, HostileCase[]>): Promise<void> {
  for (const [name, cases] of Object.entries(tables)) {
    await t.test(name, async (t) => {
      for (const item of cases) await barrage.run(t, item)
    })
  }
}

// The sample app's own operations, signed in by cookie, given the same treatment.
function sampleCases(cookie: string): HostileCase[] {
  const json = { 'content-type': 'application/json', cookie }
  const body = '{"deviceType":"Web","token":"abc"}'
  const cases: HostileCase[] = []
  for (let end = 1; end < body.length; end += 3) {
    cases.push({ name: `token body cut at ${end}`, request: { method: 'POST', url: '/app/tokens', headers: json, payload: body.slice(0, end) }, status: 400 })
  }
  for (const value of ['"Fax"', '1', 'true', '{}', '[]', '"web"x']) {
    cases.push({ name: `deviceType ${value}`, request: { method: 'POST', url: '/app/tokens', headers: json, payload: `{"deviceType":${value},"token":"t"}` }, status: 400 })
  }
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    cases.push({ name: `token body with ${key}`, request: { method: 'POST', url: '/app/tokens', headers: json, payload: `{"deviceType":"Web","token":"p","${key}":{"isAdmin":true}}` }, whenAccepted: withoutPoison })
    cases.push({ name: `sign-in with ${key}`, request: { method: 'POST', url: '/auth/credentials', headers: { 'content-type': 'application/json' }, payload: `{"userName":"x","password":"y","${key}":{"isAdmin":true}}` } })
    cases.push({ name: `sign-in query ${key}`, request: { method: 'POST', url: `/auth/credentials?${key}[isAdmin]=1`, headers: { 'content-type': 'application/json' }, payload: '{"userName":"x","password":"y"}' } })
  }
  for (const payload of ['<Authenticate><UserName>a', '{userName:a,password:', 'userName=%FF&password=x', '{"userName":["a"],"password":{}}']) {
    for (const type of ['application/xml', 'application/jsv', 'application/x-www-form-urlencoded', 'application/json']) {
      cases.push({ name: `sign-in ${type} ${payload}`, request: { method: 'POST', url: '/auth/credentials', headers: { 'content-type': type }, payload } })
    }
  }
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const credentials: Record<string, string>[] = [
    { authorization: 'Bearer' }, { authorization: 'Bearer ' }, { authorization: 'Bearer a.b.c' },
    { authorization: `Bearer ${'x'.repeat(10_000)}` },
    { authorization: `Bearer ${b64({ alg: 'none' })}.${b64({ sub: '1', sid: 'x', typ: 'access' })}.` },
    { authorization: `Bearer ${b64({ alg: 'HS256' })}.${JSON.stringify({ sub: '1' }).replace('{', '{"__proto__":{"isAdmin":true},')}.AAAA` },
    { authorization: 'Basic !!!' }, { authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}` },
    { 'x-ss-id': '../../etc' }, { 'x-ss-id': 'x'.repeat(5000) }, { cookie: 'ss-id=%FF' }, { cookie: 'ss-id=a; ss-id=b; ss-pid=c' },
    { cookie: '__proto__=x; constructor=y; prototype=z' }, { cookie: ';;;===;' }, { cookie: 'ss-id="unterminated' },
  ]
  for (const headers of credentials) {
    cases.push({ name: `credentials ${JSON.stringify(headers).slice(0, 60)}`, request: { method: 'GET', url: '/app/tokens', headers }, status: 401, errorCode: 'Unauthorized' })
  }
  cases.push({ name: 'delete with a dot segment', request: { method: 'DELETE', url: '/app/tokens/a%2f%2e%2e', headers: { cookie } }, status: 400 })
  cases.push({ name: 'list with a bad page', request: { method: 'GET', url: '/app/tokens?page=abc', headers: { cookie } }, status: 400, field: 'Page' })
  cases.push({ name: 'list with a poisoned query', request: { method: 'GET', url: '/app/tokens?__proto__[isAdmin]=1&constructor[prototype][isAdmin]=1', headers: { cookie } }, whenAccepted: withoutPoison })
  return cases
}

t.test('every hostile request is a 4xx ResponseStatus in the format asked for', async (t) => {
  const before = prototypeSnapshot(classPrototypes)
  const kindsApp = await fixtureApp(t, { modules: [kinds] })
  const routesApp = await fixtureApp(t, { modules: [routes] })
  // The route fixtures listen on a port: paths must arrive as written, `%2e%2e` and all.
  const routesUrl = await routesApp.listen({ host: '127.0.0.1', port: 0 })
  const sample = await buildApp(t)
  const cookie = await sample.login(users.alice)
  const barrages = [new Barrage(kindsApp), new Barrage(routesApp, routesUrl), new Barrage(sample.app)]

  await runTables(t, barrages[0]!, {
    'truncated bodies': truncatedBodies(),
    'malformed bodies': malformedBodies(),
    'broken percent-encoding': brokenEncodings(),
    'invalid UTF-8 and NUL': invalidUtf8(),
    'wrong types for every member': wrongTypes(kindsApp.dtostack.registry),
    'deep nesting': deepNesting(),
    'bodies over the limit': oversizedBodies(),
    'poisoning keys': poisoning(),
    'XML attacks': xmlAttacks(),
    'content types': contentTypes(),
    'unknown targets': unknownTargets(),
    'long inputs': longInputs(),
    'limits and oddities': limitsAndOddities(),
    'metadata pages': metadataPages(),
    'text that could make a pattern backtrack': backtrackingText(kindsApp.dtostack.registry),
  })
  await runTables(t, barrages[1]!, { 'method overrides': methodOverrides(), 'path traversal': pathTraversal() })
  await runTables(t, barrages[2]!, { 'the sample app': sampleCases(cookie) })

  const sent = barrages.reduce((sum, b) => sum + b.sent, 0)
  t.comment(`hostile suite: ${sent} requests`)
  t.ok(sent >= 300, `${sent} hostile requests sent`)

  const echo = await kindsApp.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/json' }, payload: '{"needed":"y","count":3}' })
  t.equal(echo.statusCode, 200)
  t.same(echo.json(), { needed: 'y', count: 3 })
  const hello = await routesApp.inject({ url: '/hello/World' })
  t.same(hello.json(), { result: 'Hello, World!' })
  const list = await sample.app.inject({ url: '/app/tokens', headers: { cookie } })
  t.equal(list.statusCode, 200)
  t.notMatch(list.body, /isAdmin|polluted/)

  t.same(prototypeSnapshot(classPrototypes), before, 'no prototype gained or lost a property')
  const plain = {} as Record<string, unknown>
  t.equal(plain.x, undefined)
  t.equal(plain.isAdmin, undefined)
  t.equal(plain.polluted, undefined)
  t.equal(([] as unknown as Record<string, unknown>).isAdmin, undefined)
  t.equal((new kinds.TreeNode() as Record<string, unknown>).isAdmin, undefined)
})
