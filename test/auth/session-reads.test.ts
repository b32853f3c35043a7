/**
 * A request signed in by a session needs its session and its user: the SQLite store reads
 * both in one statement, any other store is asked for each in turn, with the same answers.
 */
import t from 'tap'
import * as dtos from '../../dtos/app'
import * as services from '../../src/app/services'
import { DeviceTokenTable } from '../../src/app/tables'
import { createServer, type AuthStore } from '../../src/index'
import { SqliteAuthStore } from '../../src/store/auth-store'
import { openDatabase } from '../../src/store/database'
import { hashSessionId } from '../../src/auth/credentials'
import { login, seedUsers, users } from '../helpers/build-app'

t.test('the SQLite store answers a session and its user at once, as its two reads would', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.close())
  const store = new SqliteAuthStore(db)
  const user = store.users.create({ userName: 'Ann', passwordHash: 'x', roles: ['b', 'A', 'a'], permissions: ['write', 'read'] })
  const other = store.users.create({ userName: 'Ben', passwordHash: 'y', displayName: 'Ben B.' })
  const now = new Date()
  const later = new Date(now.getTime() + 60_000)
  store.createSession({ idHash: 'ann', userId: user.id, isPermanent: true, createdAt: now, expiresAt: later })
  store.createSession({ idHash: 'ben', userId: other.id, isPermanent: false, createdAt: now, expiresAt: later })

  for (const idHash of ['ann', 'ben']) {
    const both = store.findSessionUser(idHash, now)
    const session = store.findSession(idHash, now)!
    t.same(both, { session, user: store.findUserById(session.userId) }, idHash)
  }
  t.same(store.findSessionUser('ann', now)!.user.roles, ['A', 'a', 'b'])
  t.same(store.findSessionUser('ann', now)!.user.permissions, ['read', 'write'])
  t.equal(store.findSessionUser('ann', new Date(later.getTime() + 1)), undefined, 'expired')
  t.equal(store.findSessionUser('nobody', now), undefined, 'unknown')
})

t.test('a store without findSessionUser is asked for the session, then the user', async (t) => {
  const database = openDatabase(':memory:')
  await seedUsers(database)
  const inner = new SqliteAuthStore(database)
  const asked: string[] = []
  // Every method of the interface but the optional one, each passed to the SQLite store.
  const store: AuthStore = {
    findUserByName: (name) => inner.findUserByName(name),
    findUserById: (id) => (asked.push('user'), inner.findUserById(id)),
    createUser: (user) => inner.createUser(user),
    createSession: (session) => inner.createSession(session),
    findSession: (idHash, now) => (asked.push('session'), inner.findSession(idHash, now)),
    extendSession: (idHash, expiresAt) => inner.extendSession(idHash, expiresAt),
    deleteSession: (idHash) => inner.deleteSession(idHash),
    purgeExpiredSessions: (now) => inner.purgeExpiredSessions(now),
    findApiKey: (keyHash, now) => inner.findApiKey(keyHash, now),
    recordLoginAttempt: (key, now, windowMs) => inner.recordLoginAttempt(key, now, windowMs),
    refundLoginAttempt: (key, now, windowMs) => inner.refundLoginAttempt(key, now, windowMs),
    clearLoginAttempts: (key) => inner.clearLoginAttempts(key),
    ensureSetting: (name, create) => inner.ensureSetting(name, create),
  }
  const app = await createServer({
    modules: [dtos, services],
    namespace: 'Voice.Api.App',
    authStore: store,
    deps: { tokens: new DeviceTokenTable(database) },
  })
  t.teardown(async () => {
    await app.close()
    database.close()
  })
  const post = (cookie: string) =>
    app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token: 't-1' } })

  const alice = await login(app, users.alice)
  asked.length = 0
  const ok = await post(alice)
  t.equal(ok.statusCode, 200, ok.body)
  t.same(ok.json(), { deviceType: 'Web', token: 't-1' })
  t.same(asked, ['session', 'user'])

  const nora = await post(await login(app, users.nora))
  t.equal(nora.statusCode, 403, 'a user without the role is refused as before')

  const id = /ss-id=([^;]+)/.exec(alice)![1]!
  inner.deleteSession(hashSessionId(id))
  const ended = await post(alice)
  t.equal(ended.statusCode, 401, 'an ended session is refused')
})
