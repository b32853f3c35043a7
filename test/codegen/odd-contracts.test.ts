/**
 * Contracts that try to break the generators and the pages: text that could end a comment
 * or a string, names that clash with generated members, hidden types used by visible ones,
 * generic and late-declared responses, options that could become code.
 */
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer, DataMember, Handles, Prop, Returns, Route } from '../../src/index'
import { DefinitionError } from '../../src/errors/definition-error'
import { buildApp } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'
import * as odd from '../fixtures/dtos/odd-contracts'

const root = join(__dirname, '..', '..', '..')
const tsc = join(root, 'node_modules', '.bin', 'tsc')
const python = '/usr/bin/python3'

// tap puts its loaders into every child's environment; `env -i` starts the compiler without them.
function compileTs(dir: string, files: readonly string[]) {
  const args = ['--ignoreConfig', '--noEmit', '--strict', '--noUnusedLocals', '--target', 'ES2022', '--module', 'node16', ...files]
  return spawnSync('/usr/bin/env', ['-i', `PATH=${process.env.PATH ?? ''}`, tsc, ...args], { cwd: dir, encoding: 'utf8' })
}

function run(command: string, args: readonly string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

t.test('odd text and names give TypeScript that compiles and holds no code of the text', async (t) => {
  const app = await fixtureApp(t, { modules: [odd] })
  const sample = await buildApp(t)
  // A directory inside the project, so that '@servicestack/client' resolves from its node_modules.
  const dir = t.testdir()
  const variants = {
    'plain.ts': '/types/typescript',
    'status.ts': '/types/typescript?AddResponseStatus=true',
    'client-types.ts': '/types/typescript?AddServiceStackTypes=false&AddResponseStatus=true',
    'namespaced.ts': '/types/typescript?GlobalNamespace=Odd.Api',
  }
  for (const [file, url] of Object.entries(variants)) writeFileSync(join(dir, file), (await app.inject(url)).body)
  writeFileSync(join(dir, 'sample-status.ts'), (await sample.app.inject('/types/typescript?AddResponseStatus=true')).body)
  writeFileSync(join(dir, 'use.ts'), "import * as dtos from './plain'\nexport const names: string[] = Object.keys(dtos)\n")

  const result = compileTs(dir, [...Object.keys(variants), 'sample-status.ts', 'use.ts'])

  t.equal(result.status, 0, result.stdout + result.stderr)
  const plain = (await app.inject('/types/typescript')).body
  t.notMatch(plain, /^export const injected/m, 'a line separator in a description ends no comment')
  t.match(plain, "Plain = 'line\\nbreak',")
  t.match(plain, "public 'back\\\\slash'?: string;")
  t.notMatch(plain, 'class Internal', 'a hidden type is left out')
  t.notMatch(plain, 'internal?:', 'and so are the members of that type')
  const status = (await app.inject('/types/typescript?AddResponseStatus=true')).body
  t.match(status, /export class OddResponse\n\{[^}]*public responseStatus\?: ResponseStatus;/, 'a response gets a responseStatus')
  t.notMatch(status, /export class Search implements[^}]*responseStatus/, 'a request does not')
  const clientTypes = (await app.inject('/types/typescript?AddServiceStackTypes=false&AddResponseStatus=true')).body
  t.match(clientTypes, "import type { IReturn, ResponseStatus } from '@servicestack/client';")
})

t.test('odd text and names give Python that compiles, imports and talks to the server', async (t) => {
  const app = await fixtureApp(t, { modules: [odd] })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const dir = t.testdir()
  writeFileSync(join(dir, 'default_dtos.py'), await (await fetch(`${address}/types/python`)).text())
  writeFileSync(join(dir, 'odd_dtos.py'), await (await fetch(`${address}/types/python?SelfContained=true`)).text())
  writeFileSync(
    join(dir, 'check.py'),
    `
import json, sys
from odd_dtos import *
client = JsonServiceClient(sys.argv[1])
out = {}
answer = client.post(Odd(tricky=Tricky.PLAIN, backslash='a\\\\b', response_type_='kept', schema_='s'))
out['odd'] = [type(answer).__name__, answer.tricky.value, answer.backslash, answer.response_type_]
page = client.send(GetPage(size=2))
out['page'] = [type(page).__name__, page.total, len(page.items)]
found = client.send(Search(text='x'))
out['search'] = [type(found).__name__, found.request.text]
out['members'] = [m.name for m in Tricky]
print(json.dumps(out))
`,
  )

  const compiled = await run(python, ['-m', 'py_compile', 'default_dtos.py', 'odd_dtos.py'], dir)
  const checked = await run(python, ['check.py', address], dir)

  t.equal(compiled.status, 0, compiled.stderr)
  t.equal(checked.status, 0, checked.stderr)
  const out = JSON.parse(checked.stdout)
  t.same(out.odd, ['OddResponse', 'line\nbreak', 'a\\b', 'kept'], 'names that clash with generated members keep their JSON names')
  t.same(out.page, ['Page', 2, 2], 'a generic response decodes as its class')
  t.same(out.search, ['SearchResult', 'x'], 'a response declared after its request decodes, and a GET-only request is sent with GET')
  t.same(out.members, ['PLAIN', 'I_O_S', 'I_O_S_', 'QUOTE'], 'enum members that would share a name are told apart')
})

t.test('options that could break out of the header or into code are refused', async (t) => {
  const app = await fixtureApp(t, { modules: [odd] })
  for (const url of ['/types/python?ExcludeTypes=%5Cx', '/types/python?IncludeTypes=Foo%5CN', '/types/typescript?GlobalNamespace=class', '/types/typescript?GlobalNamespace=Api.enum']) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
  }
  const hostile = await app.inject({ url: '/types/python', headers: { host: 'evil\\N' } })
  t.equal(hostile.statusCode, 400, 'a Host header with a backslash')
})

t.test('IncludeTypes reads {tag,tag} as one item', async (t) => {
  const app = await fixtureApp(t, { modules: [odd] })

  const both = (await app.inject('/types/typescript?IncludeTypes={odd,strange}')).body
  const one = (await app.inject('/types/typescript?IncludeTypes={odd}')).body

  t.match(both, 'export class Odd ')
  t.match(both, 'export class GetPage ')
  t.match(one, 'export class Odd ')
  t.notMatch(one, 'export class GetPage ')
})

t.test('names that cannot be generated stop startup with the class and member named', async (t) => {
  class Clash {
    @Prop() getMethod?: string
  }
  Route('/clash', 'POST')(Clash)
  Returns(() => Clash)(Clash)
  class Proto {
    @DataMember({ name: 'constructor' }) @Prop() value?: string
  }
  Route('/proto', 'POST')(Proto)
  class Services {
    @Handles(() => Clash) postClash() {}
    @Handles(() => Proto) postProto() {}
  }

  const clash = await createServer({ modules: [{ Clash, Services }] }).catch((e: unknown) => e)
  const proto = await createServer({ modules: [{ Proto, Services }] }).catch((e: unknown) => e)

  t.type(clash, DefinitionError)
  t.match((clash as Error).message, "'Clash.getMethod' is named 'getMethod'")
  t.type(proto, DefinitionError)
  t.match((proto as Error).message, "'Proto.value' cannot travel as 'constructor'")
})

t.test('pages of odd operations: body parameters where the sample posts, byte[] samples accepted', async (t) => {
  const app = await fixtureApp(t, { modules: [odd] })

  const anything = await app.inject('/json/metadata?op=Anything')
  const search = await app.inject('/json/metadata?op=Search')
  const sample = /<pre class="request">([^\n]*)/.exec(search.body)![1]!
  const [, path] = sample.split(' ')
  const sent = await app.inject({ method: 'GET', url: path! })

  t.match(anything.body, '<td>Note</td><td>body</td>', 'an all-verbs route is sampled with POST, so its members are body')
  t.match(anything.body, '<td>Id</td><td>path</td>')
  t.notMatch(sample, 'blob=', 'an empty byte[] placeholder is left out of the query')
  t.equal(sent.statusCode, 200, sample)
  t.notMatch(anything.body, 'Internal')
})
