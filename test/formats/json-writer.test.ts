/**
 * The JSON writer's fast path against its general one: for any value, typed as the model
 * says or not, the same text as `JSON.stringify` of the JSON-ready copy.
 */
import fc from 'fast-check'
import t from 'tap'
import { serializeJson, toJsonValue } from '../../src/formats/json/serialize'
import { createRegistry } from '../../src/registry/scan'
import * as codegen from '../fixtures/dtos/codegen'

const { registry } = createRegistry({ modules: [codegen], namespace: 'Codegen.Model' })
const classRef = (name: string) => ({ kind: 'class' as const, type: registry.type(name) as never, args: [] })

// Values of every JavaScript kind: what a service may put in a member, right or wrong.
const loose = fc.oneof(
  fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(),
  fc.date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') }),
  fc.uint8Array({ maxLength: 4 }), fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 2 }),
)

const same = (t: tap.Test, value: unknown, name: string, dateStyle: 'iso8601' | 'wcf') => {
  const type = classRef(name)
  let expected: string
  try {
    expected = JSON.stringify(toJsonValue(value, type, { dateStyle }) ?? null)
    if (dateStyle === 'wcf') expected = expected.replaceAll('"/Date(', '"\\/Date(').replaceAll(')/"', ')\\/"')
  } catch {
    // Which bad member is met first may differ; that the value cannot be written may not.
    return t.throws(() => serializeJson(value, type, { dateStyle }), `throws for ${String(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))}`)
  }
  return t.equal(serializeJson(value, type, { dateStyle }), expected)
}

t.test('every member kind of Everything, with values of any kind', async (t) => {
  const keys = ['text', 'count', 'times', 'big', 'ratio', 'price', 'flag', 'when', 'duration', 'guid', 'data', 'platform',
    'frequency', 'tags', 'dates', 'labels', 'widgetsByName', 'grid', 'identifier', 'class', 'URLPath']
  const record = fc.record(Object.fromEntries(keys.map((k) => [k, loose])), { requiredKeys: [] })
  fc.assert(fc.property(record, fc.constantFrom('iso8601' as const, 'wcf' as const), (value, style) => {
    same(t, value, 'Everything', style)
  }), { numRuns: 500 })
  t.pass('checked')
})

t.test('nested, generic and cyclic classes', async (t) => {
  const widget = fc.record({ id: loose, name: loose, status: fc.constantFrom('Active', 'Archived', 7) }, { requiredKeys: [] })
  const page = fc.record({ items: fc.oneof(fc.array(widget, { maxLength: 3 }), loose), total: loose, title: loose }, { requiredKeys: [] })
  fc.assert(fc.property(page, (value) => { same(t, value, 'WidgetPage', 'iso8601') }), { numRuns: 300 })
  const order: Record<string, unknown> = { customer: { name: 'c', orders: [] }, related: [] }
  ;(order.customer as { orders: unknown[] }).orders.push({ related: [{ customer: { name: 'deep' } }] })
  same(t, { name: 'n', orders: [order, null, 'not an order'] }, 'Customer', 'iso8601')
  same(t, [1, 2], 'Customer', 'iso8601')
  same(t, 'text', 'Customer', 'iso8601')
})
