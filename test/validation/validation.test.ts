/** class-validator rules answered as ServiceStack answers its validators. */
import { IsNotEmpty, Max, MaxLength, Min, registerDecorator } from 'class-validator'
import t from 'tap'
import { Handles, Prop, Route, t as types } from '../../src/index'
import * as validated from '../fixtures/dtos/validated'
import { fixtureApp } from '../helpers/fixture-app'

const build = (t: tap.Test) => fixtureApp(t, { modules: [validated] })
const valid = { firstName: 'Ann', age: 30 }

t.test('a failing rule answers 400 with ServiceStack code, message and PascalCase field', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/users', payload: { age: 30 } })

  t.equal(res.statusCode, 400)
  t.same(res.json(), {
    responseStatus: {
      errorCode: 'NotEmpty',
      message: "'First Name' must not be empty.",
      errors: [{ errorCode: 'NotEmpty', fieldName: 'FirstName', message: "'First Name' must not be empty." }],
    },
  })
})

t.test('every failure is collected; the first gives the top-level code and message', async (t) => {
  const app = await build(t)

  const res = await app.inject({
    method: 'POST',
    url: '/users',
    payload: { age: 0, nickname: 'abcdefg', email: 'nope', code: 'ABCD', level: 11 },
  })

  const status = res.json().responseStatus
  t.equal(res.statusCode, 400)
  t.equal(status.errorCode, status.errors[0].errorCode)
  t.equal(status.message, status.errors[0].message)
  t.same(
    status.errors.map((e: { fieldName: string; errorCode: string; message: string }) => [e.fieldName, e.errorCode, e.message]),
    [
      ['FirstName', 'NotEmpty', "'First Name' must not be empty."],
      ['Age', 'GreaterThan', "'Age' must be greater than '0'."],
      ['Nickname', 'Length', "'Nickname' must be between 2 and 5 characters. You entered 7 characters."],
      ['Email', 'Email', "'Email' is not a valid email address."],
      ['Code', 'MaximumLength', "The length of 'Code' must be 3 characters or fewer. You entered 4 characters."],
      ['Code', 'RegularExpression', "'Code' is not in the correct format."],
      ['Level', 'LessThanOrEqual', "'Level' must be less than or equal to '10'."],
    ],
  )
})

t.test('a custom message is kept; a rule without a ServiceStack twin gets a derived code', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/users', payload: { ...valid, homepage: 'not a url' } })

  t.same(res.json().responseStatus.errors, [
    { errorCode: 'Url', fieldName: 'Homepage', message: 'Give us a real web address' },
  ])
})

t.test('rules other than presence pass a missing value', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/users', payload: valid })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { firstName: 'Ann', lines: 0 })
})

t.test('nested objects and list items are validated without any extra decorator', async (t) => {
  const app = await build(t)

  const res = await app.inject({
    method: 'POST',
    url: '/users',
    payload: { ...valid, address: { street: '', zip: '12.5' }, lines: [{ sku: 'A-1', qty: 2 }, { sku: '', qty: 0 }] },
  })

  t.equal(res.statusCode, 400)
  t.same(res.json().responseStatus.errors.map((e: { fieldName: string; errorCode: string }) => [e.fieldName, e.errorCode]), [
    ['Address.Street', 'NotEmpty'],
    ['Address.Zip', 'RegularExpression'],
    ['Lines[1].Sku', 'NotEmpty'],
    ['Lines[1].Qty', 'GreaterThan'],
  ])
})

t.test('valid nested objects and list items are accepted whole', async (t) => {
  const app = await build(t)

  const res = await app.inject({
    method: 'POST',
    url: '/users',
    payload: { ...valid, address: { street: 'Main', zip: '12345', colour: 'red' }, lines: [{ sku: 'A-1', qty: 2 }] },
  })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { firstName: 'Ann', lines: 1 })
})

t.test('a nested value that is not an object is a field error, not a 500', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'POST', url: '/users', payload: { ...valid, address: 5 } })

  t.equal(res.statusCode, 400)
  t.match(res.json().responseStatus.errors, [{ fieldName: 'Address', errorCode: 'SerializationException' }])
})

t.test('a DTO with no rules and no members validates', async (t) => {
  const app = await build(t)

  const empty = await app.inject({ method: 'POST', url: '/ping', payload: {} })
  const predefined = await app.inject({ method: 'POST', url: '/json/reply/Ping', payload: {} })

  t.equal(empty.statusCode, 204)
  t.equal(predefined.statusCode, 204)
})

t.test('absent, null and empty stay distinct: a member may be left out but not cleared', async (t) => {
  const app = await build(t)
  const patch = (payload: unknown) => app.inject({ method: 'PATCH', url: '/profile', payload: payload as object })

  const absent = await patch({})
  const cleared = await patch({ displayName: null })
  const emptied = await patch({ displayName: '' })
  const given = await patch({ displayName: 'Ann' })

  t.equal(absent.statusCode, 204)
  t.equal(cleared.statusCode, 400)
  t.match(cleared.json().responseStatus, { errorCode: 'NotEmpty', errors: [{ fieldName: 'DisplayName' }] })
  t.equal(emptied.statusCode, 400)
  t.equal(given.statusCode, 204)
})

t.test('field errors stop at the limit, and so does the work', async (t) => {
  const app = await build(t)
  const lines = Array.from({ length: 5000 }, () => ({}))

  const res = await app.inject({ method: 'POST', url: '/users', payload: { ...valid, lines } })
  const custom = await fixtureApp(t, { modules: [validated], limits: { maxFieldErrors: 3 } })
  const few = await custom.inject({ method: 'POST', url: '/users', payload: { ...valid, lines } })

  t.equal(res.statusCode, 400)
  t.equal(res.json().responseStatus.errors.length, 100)
  t.equal(few.json().responseStatus.errors.length, 3)
})

t.test('an asynchronous rule in a list item is awaited, and failures keep member order around it', async (t) => {
  class Slot {
    @Prop() code?: string
    @Min(1) @Prop(types.int) size?: number
  }
  registerDecorator({
    name: 'isFreeCode',
    target: Slot,
    propertyName: 'code',
    async: true,
    options: { message: 'code $value is taken' },
    validator: {
      validate: async (value: unknown) => {
        await new Promise((resolve) => setImmediate(resolve))
        return value !== 'taken'
      },
    },
  })
  @Route('/slots', 'POST')
  class BookSlots {
    @IsNotEmpty() @Prop() owner?: string
    @Prop(types.list(types.ref(() => Slot))) slots?: Slot[]
    @Max(5) @Prop(types.int) priority?: number
  }
  class SlotServices {
    @Handles()
    post(request: BookSlots) {
      return { owner: request.owner }
    }
  }
  const app = await fixtureApp(t, { modules: [{ Slot, BookSlots, SlotServices }] })

  const refused = await app.inject({
    method: 'POST',
    url: '/slots',
    payload: { owner: '', slots: [{ code: 'free', size: 1 }, { code: 'taken', size: 0 }], priority: 9 },
  })
  const accepted = await app.inject({ method: 'POST', url: '/slots', payload: { owner: 'Ann', slots: [{ code: 'free', size: 2 }] } })

  t.equal(refused.statusCode, 400)
  t.same(refused.json().responseStatus.errors.map((e: { fieldName: string; message: string }) => [e.fieldName, e.message]), [
    ['Owner', "'Owner' must not be empty."],
    ['Priority', "'Priority' must be less than or equal to '5'."],
    ['Slots[1].Code', 'code taken is taken'],
    ['Slots[1].Size', "'Size' must be greater than or equal to '1'."],
  ])
  t.equal(accepted.statusCode, 200)
  t.same(accepted.json(), { owner: 'Ann' })
})

t.test('a flat DTO is checked at once when it passes, and described in full when it does not', async (t) => {
  class Ticket {
    @Prop({ required: true }) title?: string
    @MaxLength(5) @Prop() code?: string
    @Min(1) @Prop(types.int) seats?: number
    @Prop() note?: string
  }
  class Reserve {
    @Prop({ required: true }) name?: string
  }
  registerDecorator({
    name: 'isOpenName',
    target: Reserve,
    propertyName: 'name',
    async: true,
    options: { message: 'name $value is closed' },
    validator: { validate: async (value: unknown) => value !== 'closed' },
  })
  @Route('/tickets', 'POST')
  class BookTicket extends Ticket {}
  @Route('/reserve', 'POST')
  class MakeReservation extends Reserve {}
  class TicketServices {
    @Handles()
    post(request: BookTicket) {
      return { title: request.title, seats: request.seats }
    }

    @Handles()
    postReservation(request: MakeReservation) {
      return { name: request.name }
    }
  }
  const app = await fixtureApp(t, { modules: [{ BookTicket, MakeReservation, TicketServices }] })
  const book = (payload: object) => app.inject({ method: 'POST', url: '/tickets', payload })
  const reserve = (payload: object) => app.inject({ method: 'POST', url: '/reserve', payload })
  const fields = (res: { json(): { responseStatus: { errors: Array<{ fieldName: string; errorCode: string }> } } }) =>
    res.json().responseStatus.errors.map((e) => [e.fieldName, e.errorCode])

  const passing = await book({ title: 'Show', code: 'AB', seats: 2 })
  const bare = await book({ title: 'Show' })
  const missing = await book({ code: 'ABCDEFG', seats: 0 })
  const broken = await book({ title: 'Show', code: 'ABCDEFG' })
  const open = await reserve({ name: 'Ann' })
  const closed = await reserve({ name: 'closed' })
  const absent = await reserve({})

  t.equal(passing.statusCode, 200)
  t.same(passing.json(), { title: 'Show', seats: 2 })
  t.equal(bare.statusCode, 200, 'rules other than presence pass missing members')
  t.same(fields(missing), [['Title', 'NotNull'], ['Code', 'MaximumLength'], ['Seats', 'GreaterThanOrEqual']])
  t.same(fields(broken), [['Code', 'MaximumLength']])
  t.equal(open.statusCode, 200)
  t.same(closed.json().responseStatus.errors, [{ errorCode: 'OpenName', fieldName: 'Name', message: 'name closed is closed' }])
  t.same(fields(absent), [['Name', 'NotNull']])
})
