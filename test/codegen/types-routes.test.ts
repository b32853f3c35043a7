/** `/types/typescript` and `/types/python` on a running server, and `npm run dtos` against it. */
import t from 'tap'
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildApp, listenApp } from '../helpers/build-app'

const root = join(__dirname, '..', '..', '..')
const dtosCommand = join(root, 'dist', 'src', 'cli', 'dtos.js')

/** Runs `npm run dtos`'s script without blocking the server in this process. */
function runDtos(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [dtosCommand, ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

t.test('each language is served under its name and its alias, as text, the same', async (t) => {
  const { app } = await buildApp(t)

  const ts = await app.inject('/types/typescript')
  const tsAlias = await app.inject('/types/ts')
  const py = await app.inject('/types/python')
  const pyAlias = await app.inject('/types/py')

  t.equal(ts.statusCode, 200)
  t.match(ts.headers['content-type'], /^text\/plain; charset=utf-8/)
  t.equal(tsAlias.body, ts.body)
  t.match(ts.body, /^\/\* Options:\nDate: /)
  t.match(ts.body, 'export class NewDeviceToken implements IPost\n')
  t.equal(py.statusCode, 200)
  t.equal(pyAlias.body, py.body)
  t.match(py.body, /^""" Options:\nDate: /)
  t.match(py.body, 'class NewDeviceToken(IPost):\n')
})

t.test('an option set is generated once: a second request answers the same text, date included', async (t) => {
  const { app } = await buildApp(t)

  const first = await app.inject('/types/typescript?IncludeTypes=NewDeviceToken.*')
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const again = await app.inject('/types/typescript?includetypes=NewDeviceToken.*')
  const other = await app.inject('/types/typescript?IncludeTypes=GetDeviceTypes')

  t.equal(again.body, first.body, 'the cached text, though a second has passed')
  t.match(first.body, '\nIncludeTypes: NewDeviceToken.*\n')
  t.notMatch(first.body, 'class ListDeviceTokens')
  t.match(other.body, 'export class GetDeviceTypes ')
  t.notMatch(other.body, 'class NewDeviceToken')
})

t.test('the header records the server the text came from, by the request host', async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject({ url: '/types/python', headers: { host: 'api.example.com:8443' } })
  const given = await app.inject('/types/python?BaseUrl=https://public.example.com')

  t.match(res.body, '\nBaseUrl: http://api.example.com:8443\n')
  t.match(given.body, '\nBaseUrl: https://public.example.com\n')
})

t.test('options that would end the header or become code are refused with a ResponseStatus', async (t) => {
  const { app } = await buildApp(t)
  const refused = [
    `/types/typescript?GlobalNamespace=${encodeURIComponent('x { } alert(1); namespace y')}`,
    `/types/python?DataClass=${encodeURIComponent('frozen=True)\nimport os #')}`,
    `/types/python?DataClassJson=${encodeURIComponent('letter_case=__import__("os").system("id")')}`,
    `/types/typescript?IncludeTypes=${encodeURIComponent('*/ alert(1) /*')}`,
    `/types/python?BaseUrl=${encodeURIComponent('http://x """\nimport os\n"""')}`,
    // A flag that is neither true nor false would be read as false while the header says otherwise.
    '/types/typescript?AddResponseStatus=maybe',
    '/types/python?SelfContained=yes',
    '/types/python?withoutoptions=on',
  ]

  for (const url of refused) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { responseStatus: { errorCode: 'BadRequest', errors: [{ errorCode: 'InvalidOption' }] } }, url)
  }
  const allowed = await app.inject('/types/python?DataClass=frozen%3DTrue&GlobalNamespace=Api.Client&SelfContained=TRUE&AddResponseStatus=0')
  t.equal(allowed.statusCode, 200)
  t.match(allowed.body, 'SelfContained: TRUE\n')
  t.match(allowed.body, '@dataclass(frozen=True)\n')
})

t.test('/types lists the generated-DTO addresses', async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject({ url: '/types', headers: { host: 'localhost:5000' } })

  t.same(res.json(), { typescript: 'http://localhost:5000/types/typescript', python: 'http://localhost:5000/types/python' })
})

t.test('npm run dtos fetches a language into a file, then refreshes it from its header', async (t) => {
  const { baseUrl } = await listenApp(t)
  const dir = t.testdir()
  const pyPath = join(dir, 'client_dtos.py')
  const tsPath = join(dir, 'client', 'api.ts')

  const fetched = await runDtos([baseUrl, '--lang', 'python', '--out', pyPath, '--include', 'NewDeviceToken.*'])
  const fetchedTs = await runDtos([`${baseUrl}/`, '--out', tsPath])
  t.equal(fetched.status, 0, fetched.stderr)
  t.equal(fetchedTs.status, 0, fetchedTs.stderr)
  t.match(readFileSync(pyPath, 'utf8'), 'class NewDeviceToken(IPost):')
  t.match(readFileSync(tsPath, 'utf8'), 'export class ListDeviceTokens ')

  writeFileSync(pyPath, readFileSync(pyPath, 'utf8').replace(/^class NewDeviceToken[\s\S]*$/m, '# edited away\n'))
  const refreshed = await runDtos([pyPath])

  t.equal(refreshed.status, 0, refreshed.stderr)
  const text = readFileSync(pyPath, 'utf8')
  t.match(text, 'class NewDeviceToken(IPost):', 'the file is whole again')
  t.match(text, '\nIncludeTypes: NewDeviceToken.*\n', 'with the options it was fetched with')
  t.notMatch(text, 'class ListDeviceTokens', 'and only the types they select')
})

t.test('npm run dtos says what went wrong, and exits non-zero', async (t) => {
  const { baseUrl } = await listenApp(t)
  const dir = t.testdir({ 'plain.ts': 'export const x = 1\n' })

  const noHeader = await runDtos([join(dir, 'plain.ts')])
  const badLang = await runDtos([baseUrl, '--lang', 'cobol'])
  const refused = await runDtos([baseUrl, '--option', 'GlobalNamespace=not valid', '--out', join(dir, 'x.ts')])
  const unreachable = await runDtos(['http://127.0.0.1:9/', '--out', join(dir, 'y.ts')])
  const usage = await runDtos([])

  t.equal(noHeader.status, 1)
  t.match(noHeader.stderr, 'has no header naming its BaseUrl')
  t.equal(badLang.status, 1)
  t.match(badLang.stderr, "unknown language 'cobol'")
  t.equal(refused.status, 1)
  t.match(refused.stderr, 'answered 400 Bad Request: GlobalNamespace must be a dotted TypeScript identifier')
  t.equal(unreachable.status, 1)
  t.match(unreachable.stderr, 'could not reach http://127.0.0.1:9/types/typescript')
  t.equal(usage.status, 2)
  t.match(usage.stdout, 'usage: dtostack-dtos')
})
