/**
 * Every operation of the sample app, through every route shape it has, with every kind of
 * credential: each answer is what the operation's own rules say, and nothing reaches a
 * service without the credentials its rules ask for.
 */
import t from 'tap'
import { buildApp, users, type BuiltApp } from '../helpers/build-app'
import { apiKeyOf, expiredToken, jwtSecret, signIn, tampered, type Identity } from '../helpers/identities'

interface Shape {
  readonly name: string
  readonly method: string
  readonly url: (n: number) => string
  readonly payload?: (n: number) => unknown
  readonly headers?: Record<string, string>
}

// A token per request, so a refused request is known not to have written.
const token = (n: number) => `probe-${n}`

const operations: Record<string, { protected: boolean; shapes: Shape[] }> = {
  NewDeviceToken: {
    protected: true,
    shapes: [
      { name: 'route', method: 'POST', url: () => '/app/tokens', payload: (n) => ({ deviceType: 'Web', token: token(n) }) },
      { name: '.json', method: 'POST', url: () => '/app/tokens.json', payload: (n) => ({ deviceType: 'Web', token: token(n) }) },
      { name: '.xml', method: 'POST', url: () => '/app/tokens.xml', payload: (n) => ({ deviceType: 'Web', token: token(n) }) },
      { name: '?format=xml', method: 'POST', url: () => '/app/tokens?format=xml', payload: (n) => ({ deviceType: 'Web', token: token(n) }) },
      { name: '/api', method: 'POST', url: () => '/api/NewDeviceToken', payload: (n) => ({ deviceType: 'Web', token: token(n) }) },
      { name: '/json/reply', method: 'POST', url: () => '/json/reply/NewDeviceToken', payload: (n) => ({ deviceType: 'Web', token: token(n) }) },
      {
        name: '/xml/reply',
        method: 'POST',
        url: () => '/xml/reply/NewDeviceToken',
        payload: (n) => `<NewDeviceToken><DeviceType>Web</DeviceType><Token>${token(n)}</Token></NewDeviceToken>`,
      },
      { name: '/json/oneway', method: 'POST', url: () => '/json/oneway/NewDeviceToken', payload: (n) => ({ deviceType: 'Web', token: token(n) }) },
      { name: 'batch', method: 'POST', url: () => '/api/NewDeviceToken[]', payload: (n) => [{ deviceType: 'Web', token: token(n) }] },
    ],
  },
  ListDeviceTokens: {
    protected: true,
    shapes: [
      { name: 'route', method: 'GET', url: () => '/app/tokens' },
      { name: '.csv', method: 'GET', url: () => '/app/tokens.csv' },
      { name: '?format=jsv', method: 'GET', url: () => '/app/tokens?format=jsv' },
      { name: '/api', method: 'GET', url: () => '/api/ListDeviceTokens' },
      { name: '/xml/reply', method: 'GET', url: () => '/xml/reply/ListDeviceTokens' },
    ],
  },
  DeleteDeviceToken: {
    protected: true,
    shapes: [
      { name: 'route', method: 'DELETE', url: (n) => `/app/tokens/${token(n)}` },
      { name: '/api', method: 'DELETE', url: (n) => `/api/DeleteDeviceToken?token=${token(n)}` },
      { name: '/json/reply', method: 'DELETE', url: (n) => `/json/reply/DeleteDeviceToken?token=${token(n)}` },
    ],
  },
  GetDeviceTypes: {
    protected: false,
    shapes: [
      { name: 'route', method: 'GET', url: () => '/app/device-types' },
      { name: '/api', method: 'GET', url: () => '/api/GetDeviceTypes' },
      { name: '/xml/reply', method: 'GET', url: () => '/xml/reply/GetDeviceTypes' },
    ],
  },
}

type Expect = 'allowed' | 401 | 403

async function identities(built: BuiltApp): Promise<Record<string, { headers: Identity; expect: Expect }>> {
  const alice = await signIn(built, users.alice)
  const nora = await signIn(built, users.nora)
  const gone = await signIn(built, users.alice)
  await built.app.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${gone.bearerToken}` } })
  return {
    anonymous: { headers: {}, expect: 401 },
    'no role (cookie)': { headers: { cookie: nora.cookie }, expect: 403 },
    'no role (bearer)': { headers: { authorization: `Bearer ${nora.bearerToken}` }, expect: 403 },
    'role (cookie)': { headers: { cookie: alice.cookie }, expect: 'allowed' },
    'role (bearer)': { headers: { authorization: `Bearer ${alice.bearerToken}` }, expect: 'allowed' },
    'role (X-ss-id)': { headers: { 'x-ss-id': alice.sessionId }, expect: 'allowed' },
    'role (API key)': { headers: { authorization: `Bearer ${apiKeyOf(built, users.alice)}` }, expect: 'allowed' },
    'API key limited to no role': { headers: { authorization: `Bearer ${apiKeyOf(built, users.alice, { roles: [] })}` }, expect: 403 },
    'expired token': { headers: { authorization: `Bearer ${await expiredToken(built, alice)}` }, expect: 401 },
    'tampered token': { headers: { authorization: `Bearer ${tampered(alice.bearerToken)}` }, expect: 401 },
    'token of a signed-out session': { headers: { authorization: `Bearer ${gone.bearerToken}` }, expect: 401 },
    'refresh token as bearer': { headers: { authorization: `Bearer ${alice.refreshToken}` }, expect: 401 },
    'revoked API key': { headers: { authorization: `Bearer ${apiKeyOf(built, users.alice, { revoked: true })}` }, expect: 401 },
    'expired API key': { headers: { authorization: `Bearer ${apiKeyOf(built, users.alice, { expiresAt: new Date(Date.now() - 1000) })}` }, expect: 401 },
    'unknown API key': { headers: { authorization: 'Bearer ak_not-a-real-key' }, expect: 401 },
    'signed-out cookie': { headers: { cookie: `ss-id=${gone.sessionId}` }, expect: 401 },
  }
}

t.test('every operation, route shape and credential is answered as its rules say', async (t) => {
  const built = await buildApp(t, { auth: { jwtSecret } })
  const who = await identities(built)
  let n = 0
  const refusedWrites: string[] = []

  for (const [opName, op] of Object.entries(operations)) {
    for (const shape of op.shapes) {
      for (const [identity, { headers, expect }] of Object.entries(who)) {
        const i = n++
        const payload = shape.payload?.(i)
        const res = await built.app.inject({
          method: shape.method as 'GET',
          url: shape.url(i),
          headers,
          payload: payload as string,
        })
        const label = `${opName} ${shape.name} as ${identity}`
        const expected = op.protected ? expect : 'allowed'
        if (expected === 'allowed') {
          t.notOk([401, 403].includes(res.statusCode), `${label}: ${res.statusCode}`)
        } else {
          t.equal(res.statusCode, expected, label)
          if (expected === 401) t.equal(res.headers['www-authenticate'], 'credentials realm="/auth/credentials"', label)
          if (opName === 'NewDeviceToken') refusedWrites.push(token(i))
        }
      }
    }
  }

  const leaked = refusedWrites.filter((tok) => built.database.prepare('SELECT 1 FROM device_tokens WHERE token = ?').get(tok))
  t.same(leaked, [], 'no refused request reached the service')
  t.ok(refusedWrites.length > 50)
})

t.test('a refused token says why', async (t) => {
  const built = await buildApp(t, { auth: { jwtSecret } })
  const alice = await signIn(built, users.alice)

  const expired = await built.app.inject({ url: '/app/tokens', headers: { authorization: `Bearer ${await expiredToken(built, alice)}` } })
  const bad = await built.app.inject({ url: '/app/tokens', headers: { authorization: `Bearer ${tampered(alice.bearerToken)}` } })
  const key = await built.app.inject({ url: '/app/tokens', headers: { authorization: 'Bearer ak_nope' } })

  t.equal(expired.json().responseStatus.message, 'Token has expired')
  t.equal(bad.json().responseStatus.message, 'Token is invalid')
  t.equal(key.json().responseStatus.message, 'Invalid API key')
})
