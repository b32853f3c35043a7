/**
 * Session lifetimes and the sign-in window are added to the current time and stored as
 * dates: one too long for a date made every sign-in a 500. Such settings stop the server
 * at start with a message naming them, in the sample's environment too.
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createApp } from '../../src/app/create-app'
import { openDatabase } from '../../src/store/database'
import { buildApp, users } from '../helpers/build-app'

const main = join(__dirname, '..', '..', 'src', 'app', 'main.js')

t.test('a lifetime or window past 100 years, or not above 0, is a definition error at start', async (t) => {
  const database = openDatabase(':memory:')
  t.teardown(() => database.close())
  const cases = [
    [{ throttle: { windowMs: 9e15 } }, /auth\.throttle\.windowMs must be a whole number of ms from 1 to 3153600000000 \(100 years\), not 9000000000000000/],
    [{ sessionExpiryMs: 1e15 }, /auth\.sessionExpiryMs must be/],
    [{ permanentSessionExpiryMs: 0 }, /auth\.permanentSessionExpiryMs must be/],
    [{ accessTokenExpiryMs: 1.5 }, /auth\.accessTokenExpiryMs must be/],
    [{ throttle: { maxFailuresPerUser: 0 } }, /auth\.throttle\.maxFailuresPerUser must be a whole number above 0, not 0/],
  ] as const
  for (const [auth, message] of cases) {
    await t.rejects(createApp({ database, auth }), { name: 'DefinitionError', code: 'DEF_OPTION_INVALID', message })
  }
})

t.test('the sample refuses LOGIN_WINDOW_MS past 100 years at start, rather than failing every sign-in', async (t) => {
  const run = spawnSync(process.execPath, [main], {
    env: { ...process.env, DATABASE_PATH: join(t.testdir(), 'app.db'), PORT: '0', LOGIN_WINDOW_MS: '9000000000000000' },
    encoding: 'utf8',
    timeout: 30_000,
  })

  t.equal(run.status, 1)
  t.match(run.stderr, /auth\.throttle\.windowMs must be a whole number of ms from 1 to 3153600000000/)
})

t.test('the longest window allowed still signs in and counts', async (t) => {
  const { app } = await buildApp(t, { auth: { throttle: { windowMs: 100 * 365 * 86_400_000 } } })

  const wrong = await app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: 'wrong-password' } })
  const right = await app.inject({ method: 'POST', url: '/auth/credentials', payload: users.alice })

  t.equal(wrong.statusCode, 401)
  t.equal(right.statusCode, 200)
})
