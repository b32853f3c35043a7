#!/usr/bin/env node
/**
 * `npm run user -- <command>` (`npx dtostack-user` elsewhere): manages the users of a
 * dtostack database (`DATABASE_PATH`, default `./data/app.db`). Printing is its job.
 */
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createApiKey, hashApiKey } from '../auth/api-keys'
import { hashPassword } from '../auth/passwords'
import { normalizeUserName, userNamePattern } from '../auth/user-names'
import { ApiError } from '../errors/api-error'
import { SqliteAuthStore } from '../store/auth-store'
import { openDatabase } from '../store/database'
import type { UserRow } from '../store/users'

const usage = `usage: dtostack-user <command>      (in the dtostack repository: npm run user -- <command>)
  add <userName> [--password <pw>] [--roles User,Admin] [--permissions a,b] [--display-name <name>]
  list
  remove <userName>
  passwd <userName> [--password <pw>]        ends the user's sessions too
  roles <userName> [--add A,B] [--remove C]
  permissions <userName> [--add a,b] [--remove c]
  apikey <userName> [--days N] [--roles A,B]  prints a new API key, once
  apikeys <userName>                          lists the user's keys
  revoke-key <keyId>
The password is read from standard input when --password is not given.
The database is DATABASE_PATH (default ./data/app.db).`

type Values = Record<string, string | boolean | undefined>

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      password: { type: 'string' },
      roles: { type: 'string' },
      permissions: { type: 'string' },
      'display-name': { type: 'string' },
      add: { type: 'string' },
      remove: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, subject] = positionals
  if (values.help || !command) {
    console.log(usage)
    return command || values.help ? 0 : 2
  }
  const path = process.env.DATABASE_PATH ?? './data/app.db'
  // Only `add` may start a database: any other command on a missing file is a mistyped path.
  if (command !== 'add' && path !== ':memory:' && !existsSync(path)) {
    console.error(`no database at ${path}: set DATABASE_PATH to the server's file, or add a user first`)
    return 2
  }
  const db = openDatabase(path)
  try {
    return await run(new SqliteAuthStore(db), { command, subject, values, path })
  } finally {
    db.close()
  }
}

interface Call {
  readonly command: string
  readonly subject?: string
  readonly values: Values
  readonly path: string
}

async function run(store: SqliteAuthStore, call: Call): Promise<number> {
  const { values } = call
  switch (call.command) {
    case 'add': {
      const userName = normalizeUserName(required(call.subject, 'a user name'))
      if (!userNamePattern.test(userName)) throw new UsageError('a user name holds 2 to 64 letters, digits and . _ @ + -')
      const user = store.users.create({
        userName,
        passwordHash: await hashPassword(checkPassword(str(values.password) ?? (await readPassword()))),
        displayName: str(values['display-name']),
        roles: list(values.roles),
        permissions: list(values.permissions),
      })
      console.log(`added user '${user.userName}' (id ${user.id}, roles: ${user.roles.join(', ') || 'none'}) to ${call.path}`)
      return 0
    }
    case 'list': {
      const users = store.users.list()
      if (users.length === 0) console.log(`no users in ${call.path}`)
      for (const user of users) {
        console.log(`${user.id}\t${user.userName}\troles: ${user.roles.join(',') || '-'}\tpermissions: ${user.permissions.join(',') || '-'}`)
      }
      return 0
    }
    case 'remove': {
      const name = required(call.subject, 'a user name')
      if (!store.users.remove(name)) return fail(`no user '${name}' in ${call.path}`)
      console.log(`removed user '${name}', their sessions and API keys`)
      return 0
    }
    case 'passwd': {
      const name = required(call.subject, 'a user name')
      const hash = await hashPassword(checkPassword(str(values.password) ?? (await readPassword())))
      if (!store.users.setPasswordHash(name, hash)) return fail(`no user '${name}' in ${call.path}`)
      console.log(`changed the password of '${name}' and ended their sessions`)
      return 0
    }
    case 'roles':
    case 'permissions':
      return changeGrants(store, call)
    case 'apikey':
      return addApiKey(store, call)
    case 'apikeys': {
      const user = userOf(store, call.subject)
      for (const key of store.apiKeys.listForUser(user.id)) {
        const state = key.revokedAt ? 'revoked' : key.expiresAt && key.expiresAt < new Date() ? 'expired' : 'live'
        console.log(`${key.id}\t${key.prefix}...\t${state}\troles: ${key.roles?.join(',') ?? 'all'}\texpires: ${key.expiresAt?.toISOString() ?? 'never'}`)
      }
      return 0
    }
    case 'revoke-key': {
      const id = Number(required(call.subject, 'a key id'))
      if (!Number.isInteger(id) || !store.apiKeys.revoke(id)) return fail(`no live API key ${call.subject}`)
      console.log(`revoked API key ${id}`)
      return 0
    }
    default:
      return fail(`unknown command '${call.command}'\n${usage}`)
  }
}

function changeGrants(store: SqliteAuthStore, call: Call): number {
  const user = userOf(store, call.subject)
  const current = call.command === 'roles' ? user.roles : user.permissions
  const removed = new Set(list(call.values.remove))
  const next = [...new Set([...current, ...list(call.values.add)])].filter((g) => !removed.has(g)).sort()
  if (call.command === 'roles') store.users.setRoles(user.id, next)
  else store.users.setPermissions(user.id, next)
  console.log(`${call.command} of '${user.userName}': ${next.join(', ') || 'none'}`)
  return 0
}

function addApiKey(store: SqliteAuthStore, call: Call): number {
  const user = userOf(store, call.subject)
  const days = call.values.days === undefined ? undefined : Number(call.values.days)
  if (days !== undefined && !(days > 0)) throw new UsageError('--days must be a positive number')
  const key = createApiKey()
  const row = store.apiKeys.create({
    userId: user.id,
    keyHash: hashApiKey(key),
    prefix: key.slice(0, 8),
    roles: call.values.roles === undefined ? undefined : list(call.values.roles),
    expiresAt: days === undefined ? undefined : new Date(Date.now() + days * 86_400_000),
  })
  console.log(`API key ${row.id} for '${user.userName}' (keep it: it is not shown again):`)
  console.log(key)
  return 0
}

function userOf(store: SqliteAuthStore, name: string | undefined): UserRow {
  const user = store.users.findByName(required(name, 'a user name'))
  if (!user) throw new UsageError(`no user '${name}'`)
  return user
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`give ${what}\n${usage}`)
  return value
}

function checkPassword(password: string): string {
  if (password.length < 8) throw new UsageError('a password needs at least 8 characters')
  return password
}

function list(value: string | boolean | undefined): string[] {
  return (str(value) ?? '').split(',').map((s) => s.trim()).filter(Boolean)
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ')
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    lines.close()
    return line
  }
  throw new UsageError('no password given: pass --password or write it to standard input')
}

class UsageError extends Error {}

function fail(message: string): number {
  console.error(message)
  return 1
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ApiError
    if (known || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error((error as Error).message)
      process.exit(2)
    }
    console.error(error)
    process.exit(1)
  },
)
