import t from 'tap'
import * as dtos from '../../dtos/app'
import * as services from '../../src/app/services'
import { createRegistry } from '../../src/registry/scan'
import type { ClassModel, ClassRef, EnumModel } from '../../src/registry/model'
import { allProperties, displayName } from '../../src/registry/type-utils'
import * as kinds from '../fixtures/dtos/kinds'

const sample = () => createRegistry({ modules: [dtos, services], namespace: 'Voice.Api.App' }).registry

t.test('NewDeviceToken is modelled as the seed page describes it', async (t) => {
  const op = sample().operation('newdevicetoken')!

  t.equal(op.name, 'NewDeviceToken')
  t.equal(op.method, 'POST')
  t.equal(op.verbMarker, 'POST')
  t.equal(op.returnMarker, undefined, 'the seed declares no IReturn marker')
  t.equal(op.response?.kind === 'class' && op.response.type.name, 'DeviceTokenInfo')
  t.same(op.routes.map((r) => [r.path, r.verbs]), [['/app/tokens', ['POST']]])
  t.same(op.auth, { requiresAuth: true, roles: ['User'], anyRoles: [], permissions: [], anyPermissions: [] })
  t.equal(op.request.description, "Create a new device token if it doesn't exist already")
  t.equal(op.request.namespace, 'Voice.Api.App')
  t.same(op.request.xml, {
    name: 'NewDeviceToken',
    namespace: 'http://schemas.datacontract.org/2004/07/Voice.Api.App',
  })
  t.same(
    op.request.properties.map((p) => [p.key, p.name, p.jsonName, p.xmlName, displayName(p.type), p.description, p.isRequired]),
    [
      ['deviceType', 'DeviceType', 'deviceType', 'DeviceType', 'DeviceTypes', 'The type of device', false],
      ['token', 'Token', 'token', 'Token', 'string', 'The device token to save', false],
    ],
  )
  t.equal(op.errorType.type.name, 'ErrorResponse')
})

t.test('the DeviceTypes enum keeps its member names exactly, iOS included', async (t) => {
  const type = sample().type('DeviceTypes') as EnumModel

  t.equal(type.kind, 'enum')
  t.same(type.members, [
    { name: 'Web', value: 'Web' },
    { name: 'iOS', value: 'iOS' },
    { name: 'Android', value: 'Android' },
  ])
  t.equal(type.isNumeric, false)
})

t.test('the list operation declares its marker and a generic base response', async (t) => {
  const registry = sample()
  const op = registry.operation('ListDeviceTokens')!
  const response = op.response as ClassRef

  t.equal(op.returnMarker, 'IReturn')
  t.equal(op.method, 'GET')
  t.equal(response.type.name, 'ListDeviceTokensResponse')
  t.equal(response.type.base?.type.name, 'ListResponse')
  t.same(response.type.base?.type.typeParams, ['T'])
  t.same(
    allProperties(response).map((p) => `${p.model.name}: ${displayName(p.type)}`),
    ['Items: List<DeviceTokenEntry>', 'TotalCount: int', 'TotalPages: int', 'HasMorePages: bool'],
  )
  t.same(
    allProperties({ kind: 'class', type: op.request, args: [] }).map((p) => p.model.name),
    ['DeviceType', 'Page', 'CountPerPage'],
    'own properties first, then the base class',
  )
})

t.test('void and public operations, and the built-in Authenticate', async (t) => {
  const registry = sample()
  const del = registry.operation('DeleteDeviceToken')!
  const types = registry.operation('GetDeviceTypes')!
  const auth = registry.operation('Authenticate')

  t.equal(del.returnsVoid, true)
  t.equal(del.returnMarker, 'IReturnVoid')
  t.equal(del.method, 'DELETE')
  t.equal(types.auth.requiresAuth, false)
  t.equal(types.errorType.type.name, 'GetDeviceTypesResponse', 'errors travel in a response with responseStatus')
  t.equal(auth, undefined, 'Authenticate exists only when authentication is on')
})

t.test('every type kind resolves, cycles and generics included', async (t) => {
  const { registry } = createRegistry({ modules: [kinds], namespace: 'Kinds' })
  const all = registry.type('AllKinds') as ClassModel

  t.same(all.xml, { name: 'EveryKind', namespace: 'urn:kinds' })
  t.equal(all.namespace, 'Kinds.Model')
  t.equal(all.base?.type.name, 'Base')
  t.same(
    Object.fromEntries(all.properties.map((p) => [p.name, displayName(p.type)])),
    {
      Text: 'string',
      Count: 'int',
      Times: 'int?',
      Big: 'long',
      Ratio: 'double',
      Price: 'decimal',
      Flag: 'bool',
      When: 'DateTime',
      Duration: 'TimeSpan',
      Guid: 'Guid',
      Data: 'byte[]',
      Color: 'Color',
      Frequency: 'Frequency',
      Tags: 'List<string>',
      Counts: 'Dictionary<string, int>',
      Tree: 'TreeNode',
      Orders: 'Page<Order>',
      Original: 'string',
      Needed: 'string',
    },
  )
  const original = all.properties.find((p) => p.key === 'original')!
  t.same([original.jsonName, original.xmlName, original.order], ['renamed_field', 'renamed_field', 1])
  t.equal(all.properties.find((p) => p.key === 'needed')!.isRequired, true)
  t.equal((registry.type('Frequency') as EnumModel).isNumeric, true)
  t.same((registry.type('Frequency') as EnumModel).members, [{ name: 'Daily', value: 1 }, { name: 'Weekly', value: 7 }])
  const tree = registry.type('TreeNode') as ClassModel
  t.equal(displayName(tree.properties[1]!.type), 'List<TreeNode>')
  const customer = registry.type('Customer') as ClassModel
  const order = registry.type('Order') as ClassModel
  t.equal(displayName(customer.properties[1]!.type), 'List<Order>')
  t.equal(displayName(order.properties[0]!.type), 'Customer')
  const page = registry.type('OrderPage') as ClassModel
  t.same(
    allProperties({ kind: 'class', type: page, args: [] }).map((p) => displayName(p.type)),
    ['string', 'List<Order>', 'int'],
  )
})

t.test('operation lookups ignore case; type lookups are exact', async (t) => {
  const registry = sample()

  t.equal(registry.operation('LISTDEVICETOKENS')?.name, 'ListDeviceTokens')
  t.equal(registry.operation('NoSuchThing'), undefined)
  t.equal(registry.type('DeviceTokenInfo')?.name, 'DeviceTokenInfo')
  t.equal(registry.type('devicetokeninfo'), undefined)
})
