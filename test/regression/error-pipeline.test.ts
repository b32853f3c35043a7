/** Every failure, expected or not, is answered as a ResponseStatus; nothing internal leaks. */
import t from 'tap'
import { ApiError, Handles, Prop, Returns, Route } from '../../src/index'
import { fixtureApp } from '../helpers/fixture-app'

class Result {
  @Prop() at?: Date
  @Prop() note?: string
}

@Route('/fail/{how}')
@Returns(() => Result)
class Fail {
  @Prop() how?: string
}

class FailServices {
  @Handles()
  get(request: Fail): Result {
    switch (request.how) {
      case 'date':
        return { at: new Date('not a date') }
      case 'sql':
        throw new Error('SQLITE_ERROR: no such column: password_hash in SELECT * FROM users')
      case 'teapot':
        throw new ApiError('Teapot', 'I am a teapot', { status: 418, headers: { 'X-Brew': 'no' } })
      case 'string':
        throw 'a thrown string'
      case 'fields':
        throw ApiError.badRequest('Nope', [{ errorCode: 'Custom', fieldName: 'How', message: 'Bad how' }])
      default:
        return { note: 'fine' }
    }
  }
}

const modules = [{ Fail, Result, FailServices }]

t.test('a response that cannot be written is a 500 in the same shape, never a hang', async (t) => {
  const app = await fixtureApp(t, { modules })

  const res = await app.inject({ url: '/fail/date' })

  t.equal(res.statusCode, 500)
  t.same(res.json(), { responseStatus: { errorCode: 'Exception', message: 'An unexpected error occurred', errors: [] } })
})

t.test('an unexpected error hides its message and stack outside debug mode', async (t) => {
  const app = await fixtureApp(t, { modules })

  const res = await app.inject({ url: '/fail/sql' })
  const thrownString = await app.inject({ url: '/fail/string' })

  t.equal(res.statusCode, 500)
  t.notMatch(res.body, /SQLITE|SELECT|password|at /)
  t.same(res.json().responseStatus, { errorCode: 'Exception', message: 'An unexpected error occurred', errors: [] })
  t.equal(thrownString.statusCode, 500)
})

t.test('debug mode shows the real message and the stack trace', async (t) => {
  const app = await fixtureApp(t, { modules, debug: true })

  const res = await app.inject({ url: '/fail/sql' })

  t.equal(res.statusCode, 500)
  t.match(res.json().responseStatus, { errorCode: 'Error', message: /no such column/, stackTrace: /FailServices/ })
})

t.test('an ApiError keeps its status, code, headers and field errors', async (t) => {
  const app = await fixtureApp(t, { modules })

  const teapot = await app.inject({ url: '/fail/teapot' })
  const fields = await app.inject({ url: '/fail/fields' })

  t.equal(teapot.statusCode, 418)
  t.equal(teapot.headers['x-brew'], 'no')
  t.same(teapot.json(), { responseStatus: { errorCode: 'Teapot', message: 'I am a teapot', errors: [] } })
  t.equal(fields.statusCode, 400)
  t.same(fields.json().responseStatus.errors, [{ errorCode: 'Custom', fieldName: 'How', message: 'Bad how' }])
})
