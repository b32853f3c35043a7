/** Builds the sample app on a fresh database, with users to sign in as. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createApp } from '../../src/app/create-app'
import { hashPassword } from '../../src/auth/passwords'
import { SqliteAuthStore } from '../../src/store/auth-store'
import { openDatabase, type SqliteDatabase } from '../../src/store/database'
import type { AuthOptions } from '../../src/auth/options'

/** A user the helper creates: name, password and roles. */
export interface SeedUser {
  readonly userName: string
  readonly password: string
  readonly roles: readonly string[]
  readonly permissions?: readonly string[]
}

/** The users of every sample app built here. */
export const users = {
  alice: { userName: 'alice', password: 'alice-password', roles: ['User'] },
  bob: { userName: 'bob', password: 'bob-password', roles: ['User'] },
  nora: { userName: 'nora', password: 'nora-password', roles: [] },
  root: { userName: 'root', password: 'root-password', roles: ['Admin'] },
} as const satisfies Record<string, SeedUser>

/** A built sample app. */
export interface BuiltApp {
  readonly app: FastifyInstance
  readonly database: SqliteDatabase
  /** Signs in and answers the `Cookie` header to send with later requests. */
  login(user: SeedUser): Promise<string>
}

/** Creates the given users in a database (its auth tables are created if needed). */
export async function seedUsers(database: SqliteDatabase, seed: readonly SeedUser[] = Object.values(users)) {
  const store = new SqliteAuthStore(database)
  for (const user of seed) {
    if (store.findUserByName(user.userName)) continue
    store.users.create({
      userName: user.userName,
      passwordHash: await hashPassword(user.password),
      roles: user.roles,
      permissions: user.permissions,
    })
  }
}

/**
 * The sample app on `:memory:` (or the given file), with the seed users. Closed when
 * the test ends.
 */
export async function buildApp(
  t: tap.Test,
  options: { path?: string; debug?: boolean; auth?: AuthOptions } = {},
): Promise<BuiltApp> {
  const database = openDatabase(options.path ?? ':memory:')
  await seedUsers(database)
  const app = await createApp({ database, debug: options.debug, auth: options.auth })
  t.teardown(async () => {
    await app.close()
    database.close()
  })
  return { app, database, login: (user) => login(app, user) }
}

/** Signs in through `/auth/credentials`; answers the cookies as a `Cookie` header. */
export async function login(app: FastifyInstance, user: SeedUser): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/credentials',
    payload: { userName: user.userName, password: user.password },
  })
  if (res.statusCode !== 200) throw new Error(`login of ${user.userName} failed: ${res.statusCode} ${res.body}`)
  return cookieHeader(res)
}

/** The cookies a response sets, as a `Cookie` header. */
export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
}

/** The sample app listening on 127.0.0.1 on a free port; answers its base URL. */
export async function listenApp(
  t: tap.Test,
  options: { path?: string; auth?: AuthOptions } = {},
): Promise<BuiltApp & { baseUrl: string }> {
  const built = await buildApp(t, options)
  const address = await built.app.listen({ host: '127.0.0.1', port: 0 })
  return { ...built, baseUrl: address }
}
