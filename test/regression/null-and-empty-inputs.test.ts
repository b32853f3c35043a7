/** Empty query values and JSON nulls mean "not given": no sentinel dates, no zeroes. */
import t from 'tap'
import { IsOptional, IsPositive } from 'class-validator'
import { Handles, Prop, Returns, Route, t as types } from '../../src/index'
import { fixtureApp } from '../helpers/fixture-app'

export enum Priority {
  Low = 'Low',
  High = 'High',
}

class TaskQuery {
  @Prop() dueBefore?: Date
  @Prop(types.nullable(types.enum(Priority))) priority?: Priority | null
  @Prop(types.int) @IsOptional() @IsPositive() limit?: number
  @Prop() includeArchived?: boolean
}

@Route('/tasks')
@Returns(() => TaskQuery)
class FindTasks extends TaskQuery {}

class TaskServices {
  // Answers what was bound, and how: undefined and null must stay apart.
  @Handles()
  any(request: FindTasks): object {
    seen.push({ ...request })
    return request
  }
}

const seen: object[] = []
const modules = [{ FindTasks, TaskQuery, TaskServices, Priority }]

t.test('an empty date in the query is absent, not the year 1 or 1970', async (t) => {
  const app = await fixtureApp(t, { modules })

  const res = await app.inject({ url: '/tasks?dueBefore=&limit=' })

  t.equal(res.statusCode, 200)
  t.equal(res.body, '{}')
  t.same(seen.pop(), {})
})

t.test('an explicit null for a nullable enum is accepted as null', async (t) => {
  const app = await fixtureApp(t, { modules })

  const res = await app.inject({ method: 'POST', url: '/tasks', payload: { priority: null } })

  t.equal(res.statusCode, 200)
  t.same(seen.pop(), { priority: null })
})

t.test('an empty limit is absent rather than 0, so it does not slip past validation as zero', async (t) => {
  const app = await fixtureApp(t, { modules })

  const empty = await app.inject({ url: '/tasks?limit=' })
  const zero = await app.inject({ url: '/tasks?limit=0' })

  t.equal(empty.statusCode, 200)
  t.equal(zero.statusCode, 400)
  t.match(zero.json().responseStatus, { errorCode: 'GreaterThan', errors: [{ fieldName: 'Limit' }] })
})

t.test('includeArchived=false is false, and a JSON string is not a boolean', async (t) => {
  const app = await fixtureApp(t, { modules })

  const query = await app.inject({ url: '/tasks?includeArchived=false' })
  const json = await app.inject({ method: 'POST', url: '/tasks', payload: { includeArchived: 'false' } })

  t.same(query.json(), { includeArchived: false })
  t.equal(json.statusCode, 400)
  t.match(json.json().responseStatus.errors, [{ fieldName: 'IncludeArchived' }])
})
