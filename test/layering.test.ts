/** The shape of the source tree: which folder may import which, and the public surface. */
import t from 'tap'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = join(__dirname, '..', '..')
const src = join(root, 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

// What each folder of src/ may import from src/, besides its own files.
const allowed: Record<string, readonly string[]> = {
  errors: [],
  contract: ['errors'],
  registry: ['contract', 'errors'],
  formats: ['registry', 'contract', 'errors'],
  validation: ['registry', 'contract', 'errors'],
  store: ['errors'],
  auth: ['contract', 'registry', 'store', 'errors'],
  codegen: ['registry', 'contract', 'errors'],
  metadata: ['codegen', 'registry', 'contract', 'errors', 'formats'],
  http: ['auth', 'codegen', 'contract', 'errors', 'formats', 'metadata', 'registry', 'store', 'validation'],
  cli: ['auth', 'store', 'errors'],
  app: ['index', 'codegen'],
  index: ['auth', 'contract', 'errors', 'formats', 'http', 'registry', 'store', 'validation'],
}

function folderOf(path: string): string {
  const rel = relative(src, path)
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.ts$/, '')
}

interface Import {
  readonly target: string
  readonly typeOnly: boolean
}

function importsOf(path: string): Import[] {
  const text = readFileSync(path, 'utf8')
  return [...text.matchAll(/^(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => ({
    target: m[3] ?? m[4]!,
    typeOnly: Boolean(m[2]),
  }))
}

t.test('no folder of src imports one above it', async (t) => {
  const violations: string[] = []
  for (const path of files(src)) {
    const folder = folderOf(path)
    for (const { target } of importsOf(path)) {
      if (!target.startsWith('.')) continue
      const resolved = resolve(dirname(path), target)
      if (!resolved.startsWith(src)) {
        if (folder !== 'app') violations.push(`${relative(root, path)} imports ${target} outside src`)
        continue
      }
      const other = folderOf(resolved.endsWith('.ts') ? resolved : `${resolved}.ts`)
      if (other !== folder && !allowed[folder]!.includes(other)) {
        violations.push(`${relative(root, path)} (${folder}) imports ${target} (${other})`)
      }
    }
  }
  t.same(violations, [])
})

t.test('only http/ loads fastify at run time', async (t) => {
  const loaders = files(src)
    .filter((path) => importsOf(path).some((i) => !i.typeOnly && (i.target === 'fastify' || i.target.startsWith('@fastify/') || i.target === 'fastify-plugin')))
    .map((path) => relative(src, path))
    .filter((path) => !path.startsWith('http/') && !path.startsWith('app/'))

  t.same(loaders, [])
})

t.test('the framework writes no console output outside its commands', async (t) => {
  const offenders = files(src)
    .filter((path) => !/\/(cli|app)\//.test(path))
    .filter((path) => /console\.(log|error|warn|info)/.test(readFileSync(path, 'utf8')))

  t.same(offenders, [])
})

t.test('the public surface is this list', async (t) => {
  const index = require(join(root, 'dist', 'src', 'index.js')) as Record<string, unknown>

  t.same(Object.keys(index).sort(), [
    'Api',
    'ApiError',
    'ApiMember',
    'Authenticate',
    'AuthenticateRequest',
    'AuthenticateResponse',
    'DataContract',
    'DataMember',
    'DefinitionError',
    'ErrorResponse',
    'ExcludeMetadata',
    'Handles',
    'HttpResult',
    'Namespace',
    'Prop',
    'RequestFilter',
    'RequiredPermission',
    'RequiredRole',
    'RequiresAnyPermission',
    'RequiresAnyRole',
    'ResponseError',
    'ResponseFilter',
    'ResponseStatus',
    'ResponseType',
    'Returns',
    'ReturnsVoid',
    'Route',
    'SqliteAuthStore',
    'Tag',
    'TypeArgs',
    'TypeParams',
    'Verb',
    'createServer',
    'databaseProbe',
    'dtostack',
    'hashPassword',
    'migrate',
    'openDatabase',
    't',
    'transaction',
  ])
})
