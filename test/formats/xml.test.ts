/** XML exactly as DataContractSerializer writes it, and read back safely. */
import t from 'tap'
import { ApiError, Handles, Prop, ResponseStatus, Returns, Route } from '../../src/index'
import { serializeXml } from '../../src/formats/xml/serialize'
import { createRegistry } from '../../src/registry/scan'
import * as dtos from '../../dtos/app'
import * as services from '../../src/app/services'
import * as kinds from '../fixtures/dtos/kinds'
import { buildApp, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'

const appNs = 'http://schemas.datacontract.org/2004/07/Voice.Api.App'
const xsi = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'
const arrays = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays'
const xmlHeaders = { 'content-type': 'application/xml', accept: 'application/xml' }

class FailingResponse {
  @Prop() result?: string
  @Prop(() => ResponseStatus) responseStatus?: ResponseStatus
}

@Route('/failing', 'GET')
@Returns(() => FailingResponse)
class Failing {
  @Prop() none?: string
}

class FailingServices {
  @Handles()
  get(request: Failing): FailingResponse | null {
    if (request.none) return null
    throw ApiError.notFound('Nothing here')
  }
}

// The seed page's sample request, as served.
const seedRequest = `<NewDeviceToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App">
  <DeviceType>Web</DeviceType>
  <Token>String</Token>
</NewDeviceToken>`

const seedResponse = `<DeviceTokenInfo xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App">
  <DeviceType>Web</DeviceType>
  <Token>String</Token>
</DeviceTokenInfo>`

t.test("the seed page's XML request answers the seed page's XML response, byte for byte", async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.alice)

  const res = await app.inject({ method: 'POST', url: '/app/tokens', headers: { ...xmlHeaders, cookie }, payload: seedRequest })

  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/xml')
  t.equal(
    res.body,
    `<?xml version="1.0" encoding="utf-8"?><DeviceTokenInfo ${xsi} xmlns="${appNs}"><DeviceType>Web</DeviceType><Token>String</Token></DeviceTokenInfo>`,
  )
})

t.test('indented, without the declaration, the same document is the seed page sample', async (t) => {
  const { registry } = createRegistry({ modules: [dtos, services], namespace: 'Voice.Api.App' })
  const info = registry.operation('NewDeviceToken')!
  const request = { kind: 'class' as const, type: info.request, args: [] }

  t.equal(serializeXml({ deviceType: 'Web', token: 'String' }, request, { indent: true }), seedRequest)
  t.equal(serializeXml({ deviceType: 'Web', token: 'String' }, info.response, { indent: true }), seedResponse)
})

t.test('members: base class first, then alphabetical by ordinal, ordered ones last', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { accept: 'application/xml' },
    payload: { needed: 'n', id: 7, text: 'a', count: 1, flag: false, original: 'o', tags: ['x'] },
  })

  const names = [...res.body.matchAll(/<(\w+)[ >/]/g)].map((m) => m[1]).slice(1)
  t.same(names.slice(0, 2), ['Id', 'Big'], 'the base class member, then the rest')
  const own = names.slice(1).filter((n) => !['string', 'd2p1'].includes(n))
  const unordered = own.slice(0, own.indexOf('renamed_field'))
  t.same(unordered, [...unordered].sort((a, b) => (a < b ? -1 : 1)), 'ordinal order: upper case before lower case')
  t.equal(own[own.length - 1], 'renamed_field', 'the member with an explicit order comes last')
  t.match(res.body, /^<\?xml version="1\.0" encoding="utf-8"\?><EveryKind xmlns:i="[^"]+" xmlns="urn:kinds"><Id xmlns="http:\/\/schemas\.datacontract\.org\/2004\/07\/MyApp\.ServiceModel">7<\/Id>/)
})

t.test('values are written in DataContract form', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { accept: 'application/xml' },
    payload: {
      needed: 'n',
      when: '2020-01-01T00:00:00Z',
      flag: true,
      guid: '00000000-0000-0000-0000-000000000000',
      duration: 'PT1H30M',
      frequency: 7,
      tags: ['a', 'b'],
      counts: { k: 1 },
      text: 'Nuts & Bolts <Deluxe>\r\n',
      tree: { name: 'root', children: [] },
    },
  })
  const body = res.body

  t.match(body, '<When>2020-01-01T00:00:00Z</When>')
  t.match(body, '<Flag>true</Flag>')
  t.match(body, '<Guid>00000000-0000-0000-0000-000000000000</Guid>')
  t.match(body, '<Duration>PT1H30M</Duration>')
  t.match(body, '<Frequency>Weekly</Frequency>', 'numeric enums by member name')
  t.match(body, `<Tags xmlns:d2p1="${arrays}"><d2p1:string>a</d2p1:string><d2p1:string>b</d2p1:string></Tags>`)
  t.match(
    body,
    `<Counts xmlns:d2p1="${arrays}"><d2p1:KeyValueOfstringint><d2p1:Key>k</d2p1:Key><d2p1:Value>1</d2p1:Value></d2p1:KeyValueOfstringint></Counts>`,
  )
  t.match(body, '<Text>Nuts &amp; Bolts &lt;Deluxe&gt;&#xD;\n</Text>')
  t.match(body, '<Tree xmlns:d2p1="http://schemas.datacontract.org/2004/07/MyApp.ServiceModel"><d2p1:Children /><d2p1:Name>root</d2p1:Name></Tree>')
  t.match(body, '<Times i:nil="true" />')
})

t.test('an error is valid DataContract XML in ServiceStack namespace, field errors included', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.alice)

  const res = await app.inject({
    method: 'POST',
    url: '/xml/reply/NewDeviceToken',
    headers: { cookie },
    payload: `<NewDeviceToken xmlns="${appNs}"><DeviceType>Web</DeviceType></NewDeviceToken>`,
  })
  const typed = await app.inject({ url: '/app/device-types?format=xml&page=x' })

  t.equal(res.statusCode, 400)
  t.equal(
    res.body,
    '<?xml version="1.0" encoding="utf-8"?><ErrorResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.servicestack.net/types">' +
      '<ResponseStatus><ErrorCode>NotEmpty</ErrorCode><Message>\'Token\' must not be empty.</Message><StackTrace i:nil="true" />' +
      '<Errors><ResponseError><ErrorCode>NotEmpty</ErrorCode><FieldName>Token</FieldName><Message>\'Token\' must not be empty.</Message><Meta i:nil="true" /></ResponseError></Errors>' +
      '<Meta i:nil="true" /></ResponseStatus></ErrorResponse>',
  )
  t.equal(typed.statusCode, 200)
})

t.test('an error carried by a response type of the app writes its status under d2p1', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds, { Failing, FailingResponse, FailingServices }] })

  const res = await app.inject({ url: '/failing?format=xml' })

  t.equal(res.statusCode, 404)
  t.equal(
    res.body,
    `<?xml version="1.0" encoding="utf-8"?><FailingResponse ${xsi} xmlns="http://schemas.datacontract.org/2004/07/MyApp.ServiceModel">` +
      '<ResponseStatus xmlns:d2p1="http://schemas.servicestack.net/types"><d2p1:ErrorCode>NotFound</d2p1:ErrorCode>' +
      '<d2p1:Message>Nothing here</d2p1:Message><d2p1:StackTrace i:nil="true" /><d2p1:Errors /><d2p1:Meta i:nil="true" /></ResponseStatus>' +
      '<Result i:nil="true" /></FailingResponse>',
  )
})

t.test('every type kind round-trips through XML', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const full = {
    text: 'hi & <bye>',
    count: -3,
    times: 4,
    big: 9007199254740991,
    ratio: 1.5,
    price: 10.25,
    flag: true,
    when: '2024-03-01T10:00:00.123Z',
    duration: 'P1DT2H',
    guid: '0f8fad5b-d9cb-469f-a165-70867728950e',
    data: Buffer.from('bytes').toString('base64'),
    color: 'Green',
    frequency: 7,
    tags: ['a', 'b'],
    counts: { MyKey: 1, other: 2 },
    tree: { name: 'root', children: [{ name: 'leaf', children: [] }] },
    orders: { items: [{ quantity: 2, customer: { name: 'c', orders: [] } }], total: 1 },
    renamed_field: 'r',
    needed: 'yes',
    id: 42,
  }
  const asXml = await app.inject({ method: 'POST', url: '/kinds', headers: { accept: 'application/xml' }, payload: full })

  const back = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/xml', accept: 'application/xml' },
    payload: asXml.body.replace('<EveryKind', '<EchoKinds').replace('</EveryKind>', '</EchoKinds>').replace('xmlns="urn:kinds"', `xmlns="http://schemas.datacontract.org/2004/07/MyApp.ServiceModel"`),
  })
  const asJson = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/xml' },
    payload: asXml.body.replace('<EveryKind', '<EchoKinds').replace('</EveryKind>', '</EchoKinds>').replace('xmlns="urn:kinds"', ''),
  })

  t.equal(back.statusCode, 200, back.body)
  t.equal(back.body, asXml.body)
  t.same(asJson.json(), full)
})

t.test('elements are read by name in any order, never silently dropped', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/xml' },
    payload: '<EchoKinds><Text>widget</Text><Needed>n</Needed><Count>5</Count><Big>1</Big></EchoKinds>',
  })

  t.same(res.json(), { text: 'widget', count: 5, big: 1, needed: 'n' })
})

t.test('text is converted by the declared type, never guessed: 000123 stays a string', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'text/xml; charset=UTF-8' },
    payload:
      '<EchoKinds><Text>000123</Text><Needed>0E68</Needed><Ratio>1e2</Ratio>' +
      '<Tags><string>34100000000000000001</string><string> spaced </string></Tags></EchoKinds>',
  })

  t.same(res.json(), { text: '000123', needed: '0E68', ratio: 100, tags: ['34100000000000000001', ' spaced '] })
})

t.test('entities and character references are decoded; CDATA is kept as written', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/xml' },
    payload: '<EchoKinds><Text>a&amp;b&lt;c&#65;&#x42;&#xD;&quot;&apos;<![CDATA[<raw&amp;>]]></Text><Needed>n</Needed></EchoKinds>',
  })

  t.equal(res.json().text, 'a&b<cAB\r"\'<raw&amp;>')
})

t.test('the root element and its namespace are checked', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const strict = await fixtureApp(t, { modules: [kinds], strictXml: true })
  const post = (target: typeof app, payload: string) =>
    target.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': 'application/xml' }, payload })

  const wrongRoot = await post(app, '<Other><Needed>n</Needed></Other>')
  const wrongNs = await post(app, '<EchoKinds xmlns="urn:elsewhere"><Needed>n</Needed></EchoKinds>')
  const prefixed = await post(app, '<k:EchoKinds xmlns:k="http://schemas.datacontract.org/2004/07/MyApp.ServiceModel"><k:Needed>n</k:Needed></k:EchoKinds>')
  const strictMissing = await post(strict, '<EchoKinds><Needed>n</Needed></EchoKinds>')
  const strictRight = await post(strict, '<EchoKinds xmlns="http://schemas.datacontract.org/2004/07/MyApp.ServiceModel"><Needed>n</Needed></EchoKinds>')

  t.equal(wrongRoot.statusCode, 400)
  t.match(wrongRoot.json().responseStatus.message, /Expected the element 'EchoKinds', found 'Other'/)
  t.equal(wrongNs.statusCode, 400)
  t.match(wrongNs.json().responseStatus.message, /namespace/)
  t.equal(prefixed.statusCode, 200)
  t.equal(strictMissing.statusCode, 400)
  t.equal(strictRight.statusCode, 200)
})

t.test('hostile or broken XML is a 400, never a hang or a 500', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const bomb =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "' + 'lol'.repeat(333) + '">]>' +
    '<EchoKinds><Text>' + '&lol;'.repeat(100) + '</Text></EchoKinds>'
  const cases: Record<string, string> = {
    'entity bomb': bomb,
    'external entity': '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><EchoKinds><Text>&e;</Text></EchoKinds>',
    'dotted entity': '<!DOCTYPE x [<!ENTITY l.t "<">]><EchoKinds><Text>&l.t;</Text></EchoKinds>',
    'undeclared entity': '<EchoKinds><Text>&nbsp;</Text></EchoKinds>',
    'bad reference': '<EchoKinds><Text>&#0;&#xD800;</Text></EchoKinds>',
    'proto element': '<EchoKinds><__proto__><isAdmin>true</isAdmin></__proto__></EchoKinds>',
    'constructor element': '<EchoKinds><constructor><prototype>1</prototype></constructor></EchoKinds>',
    'proto attribute': '<EchoKinds __proto__="x"><Needed>n</Needed></EchoKinds>',
    'mismatched tags': '<EchoKinds><Text>a</Needed></EchoKinds>',
    unclosed: '<EchoKinds><Text>a</Text>',
    'two roots': '<EchoKinds/><EchoKinds/>',
    'not xml': 'hello',
    'twice the same element': '<EchoKinds><Text>a</Text><Text>b</Text></EchoKinds>',
    'deep nesting': '<EchoKinds><Tree>' + '<Children><TreeNode>'.repeat(200) + '</TreeNode></Children>'.repeat(200) + '</Tree></EchoKinds>',
  }

  for (const [name, payload] of Object.entries(cases)) {
    const res = await app.inject({ method: 'POST', url: '/kinds', headers: xmlHeaders, payload })
    t.equal(res.statusCode, 400, name)
    t.match(res.body, /<ErrorCode>(SerializationException|BadRequest)<\/ErrorCode>/, name)
  }
  t.equal(({} as Record<string, unknown>).isAdmin, undefined)
})

t.test('a null response is a 204 in XML as in JSON', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds, { Failing, FailingResponse, FailingServices }] })

  const xml = await app.inject({ url: '/failing?format=xml&none=1' })
  const json = await app.inject({ url: '/failing?none=1' })

  t.equal(xml.statusCode, 204)
  t.equal(xml.body, '')
  t.equal(json.statusCode, 204)
})
