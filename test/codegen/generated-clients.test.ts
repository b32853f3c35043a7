/**
 * The committed generated DTOs in use: the TypeScript ones with ServiceStack's own client,
 * the self-contained Python module under the system Python, both against a running server.
 */
import { JsonApiClient, JsonServiceClient, type ResponseStatus } from '@servicestack/client'
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  Authenticate,
  DeleteDeviceToken,
  DeviceTypes,
  GetAccessToken,
  GetDeviceTypes,
  ListDeviceTokens,
  NewDeviceToken,
  type AuthenticateResponse,
  type ListDeviceTokensResponse,
} from '../../generated/dtos'
import { listenApp, users } from '../helpers/build-app'

const python = '/usr/bin/python3'

const signIn = (user: { userName: string; password: string }, rememberMe = false) =>
  new Authenticate({ provider: 'credentials', userName: user.userName, password: user.password, rememberMe })

/** The ResponseStatus a call fails with; undefined when it succeeds. */
const failure = (call: Promise<unknown>): Promise<ResponseStatus | undefined> =>
  call.then(
    () => undefined,
    (error: unknown) => (error as { responseStatus?: ResponseStatus }).responseStatus,
  )

t.test('the generated TypeScript DTOs with JsonServiceClient: every operation, typed', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)

  const types = await client.get(new GetDeviceTypes())
  const auth: AuthenticateResponse = await client.post(signIn(users.alice, true))
  const created = await client.post(new NewDeviceToken({ deviceType: DeviceTypes.Web, token: 'from-generated' }))
  await client.post(new NewDeviceToken({ deviceType: DeviceTypes.iOS, token: 'second' }))
  const list: ListDeviceTokensResponse = await client.get(new ListDeviceTokens({ countPerPage: 1 }))
  const page2 = await client.get(new ListDeviceTokens({ countPerPage: 1, page: 2 }))
  const deleted = await client.delete(new DeleteDeviceToken({ token: 'from-generated' }))
  const after = await client.get(new ListDeviceTokens())
  const access = await new JsonServiceClient(baseUrl).post(new GetAccessToken({ refreshToken: auth.refreshToken }))

  t.same(types.deviceTypes, ['Web', 'iOS', 'Android'])
  t.equal(auth.userName, 'alice')
  t.same(created, { deviceType: 'Web', token: 'from-generated' })
  t.equal(list.totalCount, 2)
  t.equal(list.items!.length, 1)
  t.equal(list.hasMorePages, true)
  t.equal(page2.items!.length, 1)
  t.notSame(page2.items![0]!.token, list.items![0]!.token, 'the pages differ')
  t.ok(list.items!.every((item) => !Number.isNaN(Date.parse(item.dateCreated!))), 'dates parse')
  t.equal(deleted, undefined)
  t.same(after.items!.map((item) => item.token), ['second'])
  t.type(access.accessToken, 'string')

  const bearer = new JsonServiceClient(baseUrl)
  bearer.bearerToken = access.accessToken!
  const mine = await bearer.get(new ListDeviceTokens())
  t.same(mine.items!.map((item) => item.token), ['second'], 'the new access token is alice')
})

t.test('the generated TypeScript DTOs with JsonServiceClient: errors arrive as ResponseStatus', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)

  const anonymous = await failure(client.post(new NewDeviceToken({ deviceType: DeviceTypes.Web, token: 'x' })))
  const badLogin = await failure(client.post(signIn({ userName: 'alice', password: 'nope' })))
  await client.post(signIn(users.nora))
  const noRole = await failure(client.post(new NewDeviceToken({ deviceType: DeviceTypes.Web, token: 'x' })))
  await client.post(signIn(users.alice))
  const invalid = await failure(client.post(new NewDeviceToken({ deviceType: 'Desktop' as DeviceTypes })))
  const missing = await failure(client.delete(new DeleteDeviceToken({ token: 'not-there' })))

  t.match(anonymous, { errorCode: 'Unauthorized' })
  t.match(badLogin, { errorCode: 'Unauthorized', message: 'Invalid Username or Password' })
  t.match(noRole, { errorCode: 'Forbidden' })
  t.same(invalid!.errors!.map((e) => e.fieldName).sort(), ['DeviceType', 'Token'])
  t.match(missing, { errorCode: 'NotFound' })
})

t.test('the generated TypeScript DTOs with JsonApiClient', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = JsonApiClient.create(baseUrl)

  const auth = await client.api(signIn(users.bob))
  const created = await client.api(new NewDeviceToken({ deviceType: DeviceTypes.Android, token: 'api-client' }))
  const refused = await client.api(new NewDeviceToken({ deviceType: DeviceTypes.Android, token: ' ' }))
  const list = await client.api(new ListDeviceTokens())
  const deleted = await client.apiVoid(new DeleteDeviceToken({ token: 'api-client' }))

  t.ok(auth.succeeded)
  t.same(created.response, { deviceType: 'Android', token: 'api-client' })
  t.ok(refused.failed)
  t.ok(refused.fieldError('Token'), 'the blank token is a field error')
  t.same(list.response!.items!.map((item) => item.token), ['api-client'])
  t.ok(deleted.succeeded)
})

t.test('the self-contained Python module against a running server', async (t) => {
  const { baseUrl } = await listenApp(t)
  const dir = t.testdir()
  const generated = await fetch(`${baseUrl}/types/python?SelfContained=true`)
  t.equal(generated.status, 200)
  writeFileSync(join(dir, 'dtos.py'), await generated.text())
  writeFileSync(
    join(dir, 'client.py'),
    `
import json, sys
from dtos import *

client = JsonServiceClient(sys.argv[1])
out = {}
try:
    client.post(NewDeviceToken(device_type=DeviceTypes.WEB, token='py'))
except WebServiceException as e:
    out['anonymous'] = [e.status_code, e.response_status.error_code]
auth = client.post(Authenticate(provider='credentials', user_name='alice', password='alice-password'))
out['user'] = auth.user_name
out['created'] = client.post(NewDeviceToken(device_type=DeviceTypes.WEB, token='py'))
listed = client.get(ListDeviceTokens())
out['listed'] = [[i.token, i.device_type.value, i.date_created.year > 2000] for i in listed.items]
out['total'] = listed.total_count
try:
    client.post(NewDeviceToken(device_type=DeviceTypes.I_O_S))
except WebServiceException as e:
    out['invalid'] = [e.status_code, e.response_status.error_code, [f.field_name for f in e.response_status.errors]]
    out['field'] = e.field_error('Token').error_code
client.delete(DeleteDeviceToken(token='py'))
out['after'] = len(client.get(ListDeviceTokens()).items)

bearer = JsonServiceClient(sys.argv[1])
bearer.bearer_token = auth.bearer_token
out['bearer'] = bearer.get(ListDeviceTokens()).total_count
out['types'] = [t.value for t in JsonServiceClient(sys.argv[1]).get(GetDeviceTypes()).device_types]
print(json.dumps(out))
`,
  )

  // The server runs in this process: the child must not block it, so it runs asynchronously.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(python, ['client.py', baseUrl], { cwd: dir })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })

  t.equal(run.status, 0, run.stderr)
  const out = JSON.parse(run.stdout)
  t.same(out.anonymous, [401, 'Unauthorized'])
  t.equal(out.user, 'alice')
  t.same(out.created, { deviceType: 'Web', token: 'py' }, 'an operation without a return marker answers its JSON')
  t.same(out.listed, [['py', 'Web', true]])
  t.equal(out.total, 1)
  t.same(out.invalid, [400, 'NotEmpty', ['Token']])
  t.equal(out.field, 'NotEmpty')
  t.equal(out.after, 0)
  t.equal(out.bearer, 0, 'the bearer token signs in as well')
  t.same(out.types, ['Web', 'iOS', 'Android'])
})

t.test('the default Python of /types/py compiles and records the server it came from', async (t) => {
  const { baseUrl } = await listenApp(t)
  const dir = t.testdir()
  const python = await (await fetch(`${baseUrl}/types/py`)).text()
  writeFileSync(join(dir, 'default.py'), python)

  const compiled = spawnSync('/usr/bin/python3', ['-m', 'py_compile', 'default.py'], { cwd: dir, encoding: 'utf8' })

  t.equal(compiled.status, 0, compiled.stderr)
  t.match(python, `BaseUrl: ${baseUrl}\n`)
  t.match(python, 'from servicestack import ')
})
