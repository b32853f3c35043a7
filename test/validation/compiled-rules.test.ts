/**
 * The compiled rules against class-validator itself: for any instance, the same failing
 * properties with the same rules and messages.
 */
import fc from 'fast-check'
import t from 'tap'
import {
  ArrayMaxSize, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsPositive, IsUrl, Length, Matches, Max, MaxLength, Min,
  registerDecorator, validate, ValidateBy, ValidateIf,
} from 'class-validator'
import { compiledRulesOf } from '../../src/validation/compiled-rules'
import * as validated from '../fixtures/dtos/validated'

class Everything {
  @IsNotEmpty() @MaxLength(5) name?: unknown
  @IsOptional() @Min(0) @Max(10) @IsInt() count?: unknown
  @ArrayMaxSize(2) @Matches(/^[a-z]+$/, { each: true }) tags?: unknown
  @IsIn(['a', 'b'], { message: 'pick $constraint1, not $value ($property of $target)' }) choice?: unknown
  @ValidateIf((o: Everything) => o.count !== 3) @IsPositive() price?: unknown
  @IsEmail() @IsUrl() contact?: unknown
  @Length(2, 4, { message: (args) => `length of ${args.property} is ${String(args.value).length}` }) code?: unknown
}

async function viaClassValidator(instance: object) {
  const errors = await validate(instance, { forbidUnknownValues: false, validationError: { target: false, value: true } })
  return errors.map((e) => ({ property: e.property, value: e.value, constraints: e.constraints ?? {} }))
}

const values = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 15 }),
  fc.double({ noNaN: false }), fc.boolean(), fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 }),
  fc.constantFrom('a', 'b', 'abc', 'me@example.com', 'https://example.com', ''),
)

function build<T extends object>(ctor: new () => T, fields: Record<string, unknown>): T {
  return Object.assign(new ctor(), Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)))
}

t.test('random instances fail the same rules with the same messages as under class-validator', async (t) => {
  const record = fc.record({ name: values, count: values, tags: values, choice: values, price: values, contact: values, code: values })
  await fc.assert(
    fc.asyncProperty(record, async (fields) => {
      const instance = build(Everything, fields)
      const compiled = compiledRulesOf(Everything)!(instance)
      t.same(compiled, await viaClassValidator(instance))
    }),
    { numRuns: 400 },
  )
})

t.test("the fixtures' DTOs, nested ones included, agree with class-validator", async (t) => {
  const samples: Array<[new () => object, Record<string, unknown>]> = [
    [validated.CreateUser, { firstName: '', age: -1, nickname: 'x', email: 'nope', homepage: 'nope', code: 'ABCD', level: 11 }],
    [validated.CreateUser, { firstName: 'Ann', age: 3, nickname: 'anna', email: 'a@b.co', homepage: 'https://x.io', code: 'ab', level: 1 }],
    [validated.CreateUser, {}],
    [validated.Address, { street: '', zip: '1234' }],
    [validated.OrderLine, { sku: 'x', qty: 0 }],
    [validated.PatchProfile, {}],
    [validated.PatchProfile, { displayName: '' }],
  ]
  for (const [ctor, fields] of samples) {
    const instance = build(ctor, fields)
    t.same(compiledRulesOf(ctor)!(instance), await viaClassValidator(instance), `${ctor.name} ${JSON.stringify(fields)}`)
  }
})

class Lookalikes {
  // A rule named as a common one that decides otherwise: its own constraint must run.
  @ValidateBy({ name: 'maxLength', constraints: [10], validator: { validate: (v) => v === 'only', defaultMessage: () => 'only "only"' } })
  word?: unknown
  @MaxLength(2) short?: unknown
  @Matches(/^a/g) global?: unknown
  @Matches('^a', 'i') text?: unknown
  @Min(0) @Max(5) count?: unknown
  @ArrayMaxSize(1) list?: unknown
}

t.test('rules passed without calling class-validator answer as class-validator does, lookalikes and edge values included', async (t) => {
  const cases: Array<Record<string, unknown>> = [
    { word: 'abc', short: 'ab', global: 'abc', text: 'Abc', count: 0, list: [1] },
    { word: 'only', short: '\u{1F600}\u{1F600}', global: 'a', text: 'a', count: 5, list: [] },
    { short: 'abc', global: 'ba', text: 'ba', count: -0.5, list: [1, 2] },
    { short: 'e\u0301\ufe0f', count: Number.NaN, list: 'x' },
    { word: '', short: 12, global: 5, text: null, count: '3', list: null },
  ]
  for (const fields of cases) {
    const instance = build(Lookalikes, fields)
    t.same(compiledRulesOf(Lookalikes)!(instance), await viaClassValidator(instance), JSON.stringify(fields))
  }
})

t.test('rules only class-validator can run are left to it', async (t) => {
  class Grouped {
    @IsNotEmpty({ groups: ['create'] }) name?: string
  }
  class Later {
    name?: string
  }
  registerDecorator({
    name: 'isLater',
    target: Later,
    propertyName: 'name',
    async: true,
    validator: { validate: async (value: unknown) => value === 'later' },
  })
  class Sneaky {
    name?: string
  }
  registerDecorator({
    name: 'isSneaky',
    target: Sneaky,
    propertyName: 'name',
    validator: { validate: (value: unknown) => Promise.resolve(value === 'ok') as unknown as boolean },
  })

  t.equal(compiledRulesOf(Grouped), null, 'groups')
  t.equal(compiledRulesOf(Later), null, 'an asynchronous constraint')
  t.equal(compiledRulesOf(Sneaky)!(build(Sneaky, { name: 'x' })), null, 'a constraint that answers a promise')
  t.equal(compiledRulesOf(Sneaky), null, 'and from then on')
})
