/** The error catalogues: every code is used, maps to its status, and answers its shape. */
import t from 'tap'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ApiError } from '../../src/errors/api-error'
import { codeOfStatus, errorCodes, statusOfCode } from '../../src/errors/codes'
import { definitionCodes } from '../../src/errors/definition-error'
import { toResponseStatus } from '../../src/errors/to-response-status'

const srcRoot = join(__dirname, '..', '..', '..', 'src')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })
}

const code = sources(srcRoot)
  .filter((p) => !p.endsWith(join('errors', 'codes.ts')) && !p.endsWith(join('errors', 'definition-error.ts')))
  .map((p) => readFileSync(p, 'utf8'))
  .join('\n')

// Statuses fastify itself raises before dtostack sees the request; their codes come from
// the catalogue by status.
const raisedByFastify = new Set(['PayloadTooLarge'])

t.test('the wire catalogue has its codes, each used and each with its status', async (t) => {
  t.same(Object.entries(errorCodes), [
    ['BadRequest', 400],
    ['SerializationException', 400],
    ['Unauthorized', 401],
    ['Forbidden', 403],
    ['NotFound', 404],
    ['MethodNotAllowed', 405],
    ['NotAcceptable', 406],
    ['RequestTimeout', 408],
    ['Conflict', 409],
    ['PayloadTooLarge', 413],
    ['UnsupportedMediaType', 415],
    ['TooManyRequests', 429],
    ['RequestHeaderFieldsTooLarge', 431],
    ['Exception', 500],
    ['ServiceUnavailable', 503],
  ])
  for (const [name, status] of Object.entries(errorCodes)) {
    t.ok(raisedByFastify.has(name) || code.includes(`'${name}'`), `${name} is raised somewhere in src`)
    const error = new ApiError(name, 'message')
    t.equal(error.status, status, name)
    t.same(toResponseStatus(error).responseStatus, { errorCode: name, message: 'message', errors: [] })
    t.equal(statusOfCode(name), status)
  }
})

t.test('codes outside the catalogue need a status, else they are 500', async (t) => {
  t.equal(new ApiError('Teapot', 'x', { status: 418 }).status, 418)
  t.equal(new ApiError('Teapot', 'x').status, 500)
  t.equal(statusOfCode('toString'), undefined, 'prototype names are not codes')
})

t.test('a bare status finds its catalogued code', async (t) => {
  t.equal(codeOfStatus(413), 'PayloadTooLarge')
  t.equal(codeOfStatus(400), 'BadRequest')
  t.equal(codeOfStatus(422), 'BadRequest')
  t.equal(codeOfStatus(599), 'Exception')
})

t.test('every definition code is thrown somewhere in src', async (t) => {
  t.equal(definitionCodes.length, 17)
  for (const name of definitionCodes) t.ok(code.includes(`'${name}'`), name)
})

t.test('errors with a 4xx statusCode keep it; anything else is a generic 500', async (t) => {
  const fastifyLike = Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' })
  const internal = Object.assign(new Error('boom'), { statusCode: 502 })

  t.match(toResponseStatus(fastifyLike), { status: 415, responseStatus: { errorCode: 'UnsupportedMediaType' } })
  t.match(toResponseStatus(internal), { status: 500, responseStatus: { errorCode: 'Exception', message: 'An unexpected error occurred' } })
  t.match(toResponseStatus(null), { status: 500 })
  t.notOk(toResponseStatus(new Error('x')).responseStatus.stackTrace)
  t.match(toResponseStatus(new TypeError('x'), { debug: true }).responseStatus, { errorCode: 'TypeError', message: 'x', stackTrace: /TypeError/ })
})
