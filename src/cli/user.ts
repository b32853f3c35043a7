#!/usr/bin/env node
/**
 * `npm run user -- <command>`: manages the users of a dtostack database
 * (`DATABASE_PATH`, default `./data/app.db`).
 *
 *   add <userName> [--password <pw>] [--roles User,Admin] [--permissions a,b] [--display-name <name>]
 *   list
 *   remove <userName>
 *   passwd <userName> [--password <pw>]
 *
 * Without --password, the password is read from the first line of standard input, so it
 * need not appear in the shell's history or the process list.
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { hashPassword } from '../auth/passwords'
import { ApiError } from '../errors/api-error'
import { SqliteAuthStore } from '../store/auth-store'
import { openDatabase } from '../store/database'

const usage = `usage: npm run user -- <command>
  add <userName> [--password <pw>] [--roles User,Admin] [--permissions a,b] [--display-name <name>]
  list
  remove <userName>
  passwd <userName> [--password <pw>]
The password is read from standard input when --password is not given.
The database is DATABASE_PATH (default ./data/app.db).`

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      password: { type: 'string' },
      roles: { type: 'string' },
      permissions: { type: 'string' },
      'display-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, userName] = positionals
  if (values.help || !command) {
    console.log(usage)
    return command || values.help ? 0 : 2
  }
  const path = process.env.DATABASE_PATH ?? './data/app.db'
  const db = openDatabase(path)
  try {
    const store = new SqliteAuthStore(db)
    switch (command) {
      case 'add': {
        const name = required(userName, 'a user name')
        const password = values.password ?? (await readPassword())
        const user = store.users.create({
          userName: name,
          passwordHash: await hashPassword(checkPassword(password)),
          displayName: values['display-name'],
          roles: list(values.roles),
          permissions: list(values.permissions),
        })
        console.log(`added user '${user.userName}' (id ${user.id}, roles: ${user.roles.join(', ') || 'none'}) to ${path}`)
        return 0
      }
      case 'list':
        for (const user of store.users.list()) {
          console.log(`${user.id}\t${user.userName}\troles: ${user.roles.join(',') || '-'}\tpermissions: ${user.permissions.join(',') || '-'}`)
        }
        return 0
      case 'remove': {
        const name = required(userName, 'a user name')
        if (!store.users.remove(name)) return fail(`no user '${name}' in ${path}`)
        console.log(`removed user '${name}' and their sessions`)
        return 0
      }
      case 'passwd': {
        const name = required(userName, 'a user name')
        const password = values.password ?? (await readPassword())
        if (!store.users.setPasswordHash(name, await hashPassword(checkPassword(password)))) {
          return fail(`no user '${name}' in ${path}`)
        }
        console.log(`changed the password of '${name}'`)
        return 0
      }
      default:
        return fail(`unknown command '${command}'\n${usage}`)
    }
  } finally {
    db.close()
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`give ${what}\n${usage}`)
  return value
}

function checkPassword(password: string): string {
  if (password.length < 8) throw new UsageError('a password needs at least 8 characters')
  return password
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)
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
    if (error instanceof UsageError || error instanceof ApiError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error((error as Error).message)
      process.exit(2)
    }
    console.error(error)
    process.exit(1)
  },
)
