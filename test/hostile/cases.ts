/**
 * Tables of hostile requests against the `kinds` fixture (`POST /kinds`, `EchoKinds`, a
 * DTO with a member of every type kind), generated from the model where they can be.
 */
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import type { Registry } from '../../src/registry/registry'
import type { ClassModel, TypeRef } from '../../src/registry/model'
import { withoutPoison, type HostileCase } from './harness'

const json = { 'content-type': 'application/json' }
const xml = { 'content-type': 'application/xml' }
const jsv = { 'content-type': 'application/jsv' }
const form = { 'content-type': 'application/x-www-form-urlencoded' }

function post(headers: Record<string, string>, payload: string | Buffer, url = '/kinds'): HostileCase['request'] {
  return { method: 'POST', url, headers, payload }
}

/** Valid bodies of every reader, cut short at many places. */
export function truncatedBodies(): HostileCase[] {
  const bodies: [string, Record<string, string>, string][] = [
    ['json', json, '{"text":"x","needed":"y","count":12,"tags":["a","b"],"tree":{"name":"n","children":[{"name":"c"}]}}'],
    ['xml', xml, '<EchoKinds xmlns="urn:kinds"><Text>x</Text><Needed>y</Needed><Tags><string>a</string></Tags></EchoKinds>'],
    ['jsv', jsv, '{text:x,needed:y,tags:[a,"b,c"],tree:{name:n,children:[{name:c}]}}'],
  ]
  const cases: HostileCase[] = []
  for (const [name, headers, body] of bodies) {
    // Every cut that leaves a document unfinished; the cut after the closing brace is the whole.
    for (let end = 1; end < body.length; end += 7) {
      cases.push({ name: `${name} cut at ${end}`, request: post(headers, body.slice(0, end)), status: 400, errorCode: 'SerializationException' })
    }
  }
  return cases
}

/** Bodies that are not well-formed, by reader. */
export function malformedBodies(): HostileCase[] {
  const table: [Record<string, string>, string[]][] = [
    [json, ['{', '}', '{"a"', '{"a":}', '[1,]', "{'text':'x'}", '{"text":"x"}}', 'nul', 'tru', '{"count":1e}',
      '{"text":"\\x"}', '{"text":"\\u12"}', '{"text":"x",}', '{"count":01}', '{"count":-}', '{"count":.5}',
      '{"count":NaN}', '{"count":Infinity}', '/* c */{}', '{"a":1}{"b":2}', '"\u2028"x']],
    [xml, ['<', '<EchoKinds', '<EchoKinds>', '<EchoKinds></Other>', '<EchoKinds><Text>x</EchoKinds>',
      '<?xml version="1.0"?>', '<EchoKinds/><EchoKinds/>', 'hello', '<EchoKinds a=b/>', '<EchoKinds><Text><![CDATA[x</Text></EchoKinds>',
      '<EchoKinds><!-- x --</EchoKinds>', '<1abc/>', '<EchoKinds><Text>a & b</Text></EchoKinds>', '<EchoKinds><Text>&unknown;</Text></EchoKinds>',
      '<EchoKinds><Text>&#xZZ;</Text></EchoKinds>', '<EchoKinds><Text>x</Text><Text>y</Text></EchoKinds>',
      '<EchoKinds><Tags>loose text</Tags></EchoKinds>', '<EchoKinds><Counts><KeyValueOfstringint><Value>1</Value></KeyValueOfstringint></Counts></EchoKinds>',
      '<Other><Text>x</Text></Other>', '<EchoKinds xmlns="urn:wrong"><Text>x</Text></EchoKinds>', '<EchoKinds a="1" a="2"/>']],
    [jsv, ['{', '{a', '{a:', '{text:x', '[', '{text:x}}', '{text:"unterminated}', '{text:x]', '[a,b}', '{text:x,needed:y} trailing', '"open']],
  ]
  return table.flatMap(([headers, bodies]) =>
    bodies.map((body) => ({ name: `${headers['content-type']} ${JSON.stringify(body)}`, request: post(headers, body), status: 400 })),
  )
}

/** Forms and query strings whose percent-encoding is broken or not UTF-8. */
export function brokenEncodings(): HostileCase[] {
  const bad = ['%', '%zz', '%E0%A4%A', '%FF', '%C0%AF', '%ED%A0%80', '%F8%88%80%80%80', 'a%2', '%u0041']
  const cases: HostileCase[] = []
  for (const text of bad) {
    cases.push({ name: `form value ${text}`, request: post(form, `needed=y&text=${text}`), status: 400, errorCode: 'BadRequest' })
    cases.push({ name: `form key ${text}`, request: post(form, `needed=y&te${text}xt=a`), status: 400, errorCode: 'BadRequest' })
    cases.push({ name: `query value ${text}`, request: { method: 'GET', url: `/kinds?needed=y&text=${text}` }, status: 400, errorCode: 'BadRequest' })
    cases.push({ name: `query key ${text}`, request: { method: 'GET', url: `/kinds?needed=y&${text}=a` }, status: 400, errorCode: 'BadRequest' })
    cases.push({ name: `path ${text}`, request: { method: 'POST', url: `/kinds/a${text}?needed=y` }, status: 400 })
  }
  return cases
}

/** Bytes that are not UTF-8, and NUL, inside a value of every body reader. */
export function invalidUtf8(): HostileCase[] {
  const sequences = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe0, 0xa4], [0xfe, 0xff]]
  const shapes: [Record<string, string>, string, string][] = [
    [json, '{"needed":"y","text":"', '"}'],
    [xml, '<EchoKinds><Needed>y</Needed><Text>', '</Text></EchoKinds>'],
    [jsv, '{needed:y,text:', '}'],
    [form, 'needed=y&text=', ''],
  ]
  const cases: HostileCase[] = []
  for (const [headers, before, after] of shapes) {
    for (const bytes of sequences) {
      const payload = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)])
      cases.push({ name: `${headers['content-type']} with bytes ${bytes.join(' ')}`, request: post(headers, payload), status: 400 })
    }
    // A raw NUL is valid UTF-8: the text member refuses it as a control character.
    const nul = Buffer.concat([Buffer.from(before), Buffer.from([0]), Buffer.from(after)])
    cases.push({ name: `${headers['content-type']} with a raw NUL`, request: post(headers, nul), status: 400 })
  }
  for (const escaped of ['\\u0000', '\\ud800', '\\udfff', '\\u0007', '\\ufffe']) {
    cases.push({ name: `json escape ${escaped}`, request: post(json, `{"needed":"y","text":"a${escaped}b"}`), status: 400, field: 'Text' })
  }
  for (const reference of ['&#0;', '&#xD800;', '&#x110000;', '&#1;', '&#xFFFE;', '&#99999999;']) {
    cases.push({ name: `xml reference ${reference}`, request: post(xml, `<EchoKinds><Needed>y</Needed><Text>${reference}</Text></EchoKinds>`), status: 400 })
  }
  for (const text of ['%00', '%07', 'a%00b', '%EF%BF%BE']) {
    cases.push({ name: `query text ${text}`, request: { method: 'GET', url: `/kinds?needed=y&text=${text}` }, status: 400, field: 'Text' })
    cases.push({ name: `path text ${text}`, request: { method: 'POST', url: `/kinds/${text}?needed=y` }, status: 400, field: 'Text' })
  }
  return cases
}

interface KindValues {
  /** JSON values of the wrong type. */
  readonly json: unknown[]
  /** Text (query, form, XML, JSV) that does not convert. */
  readonly text: string[]
}

// Wrong values for a declared type, by its kind.
function wrongValues(type: TypeRef): KindValues {
  switch (type.kind) {
    case 'nullable':
      return wrongValues(type.inner)
    case 'enum':
      return {
        json: ['Purple', 999, true, {}, [], 1.5, 'Re\u000bd', '\ud800', 'Re"d,\r\nx{}[]:', '<script>alert(1)</script>'],
        text: ['Purple', '999', 'Red,Green', 'Red\u0001', 'R"e,d'],
      }
    case 'list':
      return { json: ['a', 1, {}, [{}], [[1]]], text: ['{a:1}', '[unterminated'] }
    case 'map':
      return {
        json: [[], 'x', 1, { a: 'x' }, { a: {} }, { a: 1.5 }, { '\u0001': 1 }, { '\udc00': 1 }, { '\uffff': 'x' }],
        text: ['{a:x}', '[1,2]', 'notamap', '{a:', '{"\u000b":1}'],
      }
    case 'class': {
      // A member of the class given a wrong value of its own kind, one level down.
      const first = type.type.properties.find((p) => p.type.kind !== 'param')
      const inner = first ? [{ [first.jsonName]: wrongValues(first.type).json[0] }] : []
      return { json: ['x', 1, [], true, ...inner], text: ['plain', '[1]', '{name:'] }
    }
    case 'param':
      return { json: [], text: [] }
    case 'primitive':
      return primitiveValues[type.name]
  }
}

const primitiveValues: Record<string, KindValues> = {
  string: { json: [1, true, {}, [], 1.5], text: ['\u0001', 'a\u0000b', '\u000b', '\ufffe'] },
  int: {
    json: ['1', 1.5, 2147483648, -2147483649, true, {}, [], 'abc'],
    text: ['abc', '1.5', '2147483648', '-2147483649', '0x10', 'Infinity', 'NaN', '1_000', '--1'],
  },
  long: { json: [1.5, 'abc', 9.3e18, '99999999999999999999', true, {}], text: ['abc', '9223372036854775808', '1.5', '1e3x'] },
  double: { json: ['abc', true, {}, [], '1.5'], text: ['abc', 'NaN', 'Infinity', '-Infinity', '1e400', '1..2', '0x10'] },
  decimal: { json: ['abc', true, {}, [], '1e400'], text: ['abc', 'NaN', 'Infinity', '1e400', '1..2'] },
  bool: { json: ['true', 1, 0, 'yes', {}, []], text: ['maybe', '2', 'truee', 'yess'] },
  DateTime: {
    json: ['not a date', 123, true, '2024-13-45', '0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', {}, '2024-02-30T00:00:00Z'],
    text: ['yesterday', '2024-02-30', '/Date(abc)/', '99999-01-01', '2024-01-01T25:00:00Z', '/Date(99999999999999999)/'],
  },
  TimeSpan: { json: ['forever', true, {}, 1e300], text: ['forever', 'P', 'PT', '99:99:99:99', 'P99999999999Y'] },
  Guid: { json: ['not-a-guid', 123, {}, '1234'], text: ['xyz', '1234', '{00000000-0000-0000-0000-00000000000g}'] },
  'byte[]': { json: ['!!!not base64', 123, [1, 2], {}], text: ['***', 'a', '@@@@'] },
}

/** A JSON text of a value, with numbers too large for JavaScript written as given. */
function jsonOf(value: unknown): string {
  return JSON.stringify(value)
}

/**
 * Every member of EchoKinds given a value of the wrong type, in JSON and as text in a query
 * string, a form, XML and JSV: a 400 naming that member.
 */
export function wrongTypes(registry: Registry): HostileCase[] {
  const cases: HostileCase[] = []
  for (const property of allProperties(registry, 'EchoKinds')) {
    const values = wrongValues(property.type)
    const errorCode = /^(SerializationException|Enum)$/
    for (const value of values.json) {
      const payload = `{"needed":"y",${JSON.stringify(property.key)}:${jsonOf(value)}}`
      cases.push({ name: `json ${property.name} = ${jsonOf(value)}`, request: post(json, payload), status: 400, errorCode, field: property.name })
    }
    for (const text of values.text) {
      const encoded = encodeURIComponent(text)
      const wire = property.wireName
      cases.push({ name: `query ${property.name} = ${JSON.stringify(text)}`, request: { method: 'GET', url: `/kinds?needed=y&${wire}=${encoded}` }, status: 400, errorCode, field: property.name })
      cases.push({ name: `form ${property.name} = ${JSON.stringify(text)}`, request: post(form, `needed=y&${wire}=${encoded}`), status: 400, errorCode, field: property.name })
      if (!/[\u0000-\u001f\ud800-\udfff]/.test(text)) {
        const quoted = /[,{}[\]"\s:]/.test(text) && !/^[[{]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
        // Text that breaks the JSV structure itself is a malformed body, with no field to name.
        const structural = /^[[{]/.test(text)
        cases.push({ name: `jsv ${property.name} = ${JSON.stringify(text)}`, request: post(jsv, `{needed:y,${wire}:${quoted}}`), status: 400, field: structural ? undefined : property.name })
        if (property.type.kind === 'primitive' || property.type.kind === 'enum' || property.type.kind === 'nullable') {
          const element = `<${property.xmlName}>${escapeXml(text)}</${property.xmlName}>`
          // A character XML cannot hold makes the document ill-formed, with no field to name.
          const field = /^[\x20-\x7e]*$/.test(text) ? property.name : undefined
          cases.push({ name: `xml ${property.name} = ${JSON.stringify(text)}`, request: post(xml, `<EchoKinds><Needed>y</Needed>${element}</EchoKinds>`), status: 400, field })
        }
      }
    }
  }
  return cases
}

interface Member {
  readonly key: string
  readonly name: string
  readonly wireName: string
  readonly xmlName: string
  readonly type: TypeRef
}

// Every member of a type with its base types', as the model knows them.
export function allProperties(registry: Registry, typeName: string): Member[] {
  const members: Member[] = []
  const found = registry.type(typeName)
  let type: ClassModel | undefined = found?.kind === 'class' ? found : undefined
  while (type) {
    for (const property of type.properties) {
      members.push({ key: property.key, name: property.name, wireName: property.jsonName, xmlName: property.xmlName, type: property.type })
    }
    type = type.base?.type
  }
  return members
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Numbers past every bound, strings near the body limit, many keys and items. */
export function hugeValues(): HostileCase[] {
  const digits = '9'.repeat(400)
  const cases: HostileCase[] = [
    { name: 'int of 400 digits', request: post(json, `{"needed":"y","count":${digits}}`), status: 400, field: 'Count' },
    { name: 'long of 400 digits', request: post(json, `{"needed":"y","big":${digits}}`), status: 400, field: 'Big' },
    { name: 'double of 400 digits', request: post(json, `{"needed":"y","ratio":${digits}}`), status: 400, field: 'Ratio' },
    { name: 'decimal 1e400', request: post(json, '{"needed":"y","price":1e400}'), status: 400, field: 'Price' },
    { name: 'double -1e400', request: post(json, '{"needed":"y","ratio":-1e400}'), status: 400, field: 'Ratio' },
    { name: 'int text of 400 digits', request: { method: 'GET', url: `/kinds?needed=y&count=${digits}` }, status: 400, field: 'Count' },
    { name: 'double text of 400 digits', request: { method: 'GET', url: `/kinds?needed=y&ratio=${digits}` }, status: 400, field: 'Ratio' },
    { name: 'long text 2^63', request: { method: 'GET', url: '/kinds?needed=y&big=9223372036854775808' }, status: 400, field: 'Big' },
    { name: 'exponent of 400 digits', request: post(json, `{"needed":"y","ratio":1e${digits}}`), status: 400, field: 'Ratio' },
    {
      name: 'a string of 900,000 characters is kept whole',
      request: post(json, `{"needed":"y","text":"${'é'.repeat(450_000)}"}`),
      whenAccepted: (body) => (JSON.parse(body).text === 'é'.repeat(450_000) ? undefined : 'the long string came back changed'),
      asIs: 'json',
    },
    {
      name: 'a key of 500,000 characters is ignored',
      request: post(json, `{"needed":"y","${'k'.repeat(500_000)}":1}`),
      whenAccepted: (body) => (body === '{"needed":"y"}' ? undefined : `unexpected ${body.slice(0, 100)}`),
      asIs: 'json',
    },
    {
      name: '60,000 unknown keys are ignored',
      request: post(json, `{"needed":"y",${Array.from({ length: 60_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`),
      whenAccepted: (body) => (body === '{"needed":"y"}' ? undefined : `unexpected ${body.slice(0, 100)}`),
      asIs: 'json',
    },
    {
      name: '100,000 list items are kept',
      request: post(json, `{"needed":"y","tags":[${Array.from({ length: 100_000 }, () => '"t"').join(',')}]}`),
      whenAccepted: (body) => (JSON.parse(body).tags.length === 100_000 ? undefined : 'items were lost'),
      asIs: 'json',
    },
    {
      name: '100,000 wrong map values give at most 100 field errors',
      request: post(json, `{"needed":"y","counts":{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":"x"`).join(',')}}}`),
      status: 400,
      field: 'Counts',
      asIs: 'json',
    },
    {
      name: '100,000 duplicate keys keep the last',
      request: post(json, `{"needed":"y",${Array.from({ length: 100_000 }, (_, i) => `"text":"v${i}"`).join(',')}}`),
      whenAccepted: (body) => (JSON.parse(body).text === 'v99999' ? undefined : 'the last value was not kept'),
      asIs: 'json',
    },
  ]
  return cases
}

/** 10,000 (and 100,000) levels of nesting in every format and in query strings. */
export function deepNesting(): HostileCase[] {
  const n = 10_000
  const deepArray = '['.repeat(n) + ']'.repeat(n)
  const deepTree = '{"children":['.repeat(n) + ']}'.repeat(n)
  const jsvTree = '{children:['.repeat(n) + ']}'.repeat(n)
  const xmlTree = '<Tree>' + '<Children><TreeNode>'.repeat(n) + '</TreeNode></Children>'.repeat(n) + '</Tree>'
  const ignoredDeep = (body: string) => (body === '{"needed":"y"}' ? undefined : `unexpected ${body.slice(0, 100)}`)
  return [
    { name: 'json list 10,000 deep', request: post(json, `{"needed":"y","tags":${deepArray}}`), status: 400 },
    { name: 'json tree 10,000 deep', request: post(json, `{"needed":"y","tree":${deepTree}}`), status: 400, field: 'Tree' },
    { name: 'json map 10,000 deep', request: post(json, `{"needed":"y","counts":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`), status: 400 },
    { name: 'json root list 10,000 deep', request: post(json, deepArray), status: 400 },
    { name: 'json unknown member 10,000 deep is ignored', request: post(json, `{"needed":"y","unknown":${deepArray}}`), whenAccepted: ignoredDeep, asIs: 'json' },
    { name: 'json 100,000 deep with __proto__ at the bottom', request: post(json, `${'{"a":'.repeat(100_000)}{"__proto__":{"isAdmin":1}}${'}'.repeat(100_000)}`), status: 400 },
    { name: 'json 100,000 deep unclosed', request: post(json, '['.repeat(100_000)), status: 400 },
    { name: 'xml tree 10,000 deep', request: post(xml, `<EchoKinds><Needed>y</Needed>${xmlTree}</EchoKinds>`), status: 400 },
    { name: 'xml unknown element 10,000 deep', request: post(xml, `<EchoKinds><Needed>y</Needed>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</EchoKinds>`), status: 400 },
    { name: 'xml 10,000 deep unclosed', request: post(xml, `<EchoKinds>${'<a>'.repeat(n)}`), status: 400 },
    { name: 'jsv tree 10,000 deep', request: post(jsv, `{needed:y,tree:${jsvTree}}`), status: 400 },
    { name: 'jsv list 10,000 deep', request: post(jsv, `{needed:y,tags:${deepArray}}`), status: 400 },
    { name: 'jsv 10,000 deep unclosed', request: post(jsv, '{tree:' + '['.repeat(n)), status: 400 },
    { name: 'query tree 10,000 deep', request: { method: 'GET', url: `/kinds?needed=y&tree=${encodeURIComponent(jsvTree)}` }, status: 400, field: 'Tree' },
    { name: 'query list 10,000 deep', request: { method: 'GET', url: `/kinds?needed=y&tags=${deepArray}` }, status: 400, field: 'Tags' },
    { name: 'query map 10,000 deep', request: { method: 'GET', url: `/kinds?needed=y&counts=${'{a:'.repeat(n)}1${'}'.repeat(n)}` }, status: 400, field: 'Counts' },
    { name: 'query brackets 10,000 deep are one unknown key', request: { method: 'GET', url: `/kinds?needed=y&tree${'[a]'.repeat(n)}=1` }, whenAccepted: ignoredDeep, asIs: 'json' },
    { name: 'form tree 10,000 deep', request: post(form, `needed=y&tree=${encodeURIComponent(jsvTree)}`), status: 400, field: 'Tree' },
    { name: 'batch of 10,000-deep lists', request: post(json, `[${deepArray}]`, '/api/EchoKinds[]'), status: 400, formats: ['json', 'xml'] },
  ]
}

/** Bodies over the 1 MiB limit, plain and compressed so that they inflate past it. */
export function oversizedBodies(): HostileCase[] {
  const big = 'x'.repeat(1_100_000)
  const inflating = Buffer.from(`{"needed":"y","text":"${'a'.repeat(20_000_000)}"}`)
  const justOver = Buffer.from(`{"needed":"y","text":"${'a'.repeat(1_050_000)}"}`)
  const withEncoding = (encoding: string, payload: Buffer) => post({ ...json, 'content-encoding': encoding }, payload)
  const cases: HostileCase[] = [
    { name: 'json over the limit', request: post(json, `{"text":"${big}"}`), status: 413 },
    { name: 'xml over the limit', request: post(xml, `<EchoKinds><Text>${big}</Text></EchoKinds>`), status: 413 },
    { name: 'jsv over the limit', request: post(jsv, `{text:${big}}`), status: 413 },
    { name: 'form over the limit', request: post(form, `text=${big}`), status: 413 },
    { name: 'multipart over the limit', request: post({ 'content-type': 'multipart/form-data; boundary=b' }, `--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n${big}\r\n--b--\r\n`), status: 413 },
    { name: 'no content type over the limit', request: { method: 'POST', url: '/kinds', payload: big }, status: 413 },
    { name: 'gzip inflating to 20 MB', request: withEncoding('gzip', gzipSync(inflating)), status: 413 },
    { name: 'gzip inflating just over', request: withEncoding('gzip', gzipSync(justOver)), status: 413 },
    { name: 'deflate (zlib) inflating to 20 MB', request: withEncoding('deflate', deflateSync(inflating)), status: 413 },
    { name: 'deflate (raw) inflating to 20 MB', request: withEncoding('deflate', deflateRawSync(inflating)), status: 413 },
    { name: 'GZIP in capitals inflating to 20 MB', request: withEncoding('GZIP', gzipSync(inflating)), status: 413 },
    { name: 'gzip that is not gzip', request: withEncoding('gzip', Buffer.from('{"needed":"y"}')), status: 400 },
    { name: 'gzip cut short', request: withEncoding('gzip', gzipSync(Buffer.from('{"needed":"y"}')).subarray(0, 12)), status: 400 },
    { name: 'deflate that is not deflate', request: withEncoding('deflate', Buffer.from([0xff, 0xff, 0xff, 0xff])), status: 400 },
    { name: 'brotli that is not brotli', request: withEncoding('br', Buffer.from('nonsense')), status: 400 },
    { name: 'an unknown coding', request: withEncoding('compress', Buffer.from('{"needed":"y"}')), status: 415 },
    { name: 'two codings', request: withEncoding('gzip, gzip', gzipSync(gzipSync(Buffer.from('{"needed":"y"}')))), status: 415 },
    { name: 'gzip of bytes that are not UTF-8', request: withEncoding('gzip', gzipSync(Buffer.from([0x7b, 0xff, 0x7d]))), status: 400 },
  ]
  return cases
}

const poisonKeys = ['__proto__', 'constructor', 'prototype'] as const

// The value put under a poisoning key: what would reach a prototype if it were assigned.
function poisonJson(key: string): string {
  return key === 'constructor' ? '{"prototype":{"isAdmin":true,"polluted":"yes"}}' : '{"isAdmin":true,"polluted":"yes"}'
}

function poisonJsv(key: string): string {
  return key === 'constructor' ? '{prototype:{isAdmin:true,polluted:yes}}' : '{isAdmin:true,polluted:yes}'
}

function poisonXml(key: string): string {
  return key === 'constructor'
    ? '<constructor><prototype><isAdmin>true</isAdmin><polluted>yes</polluted></prototype></constructor>'
    : `<${key}><isAdmin>true</isAdmin><polluted>yes</polluted></${key}>`
}

/**
 * Every poisoning key in every format and at every position: the top level, a nested class,
 * a list item, a map and a generic's item. Refused (4xx) or ignored, never assigned.
 */
export function poisoning(): HostileCase[] {
  const cases: HostileCase[] = []
  const push = (name: string, request: HostileCase['request']) =>
    cases.push({ name, request, whenAccepted: withoutPoison })
  for (const key of poisonKeys) {
    const j = `${JSON.stringify(key)}:${poisonJson(key)}`
    const jsonPositions: Record<string, string> = {
      top: `{"needed":"y",${j}}`,
      nested: `{"needed":"y","tree":{${j}}}`,
      'list item': `{"needed":"y","tree":{"children":[{${j}}]}}`,
      map: `{"needed":"y","counts":{${j}}}`,
      generic: `{"needed":"y","orders":{"items":[{${j}}]}}`,
      'deep nested': `{"needed":"y","tree":{"children":[{"children":[{${j}}]}]}}`,
    }
    for (const [position, body] of Object.entries(jsonPositions)) {
      push(`json ${key} at ${position}`, post(json, body))
      cases.push({ name: `batch json ${key} at ${position}`, request: post(json, `[${body}]`, '/api/EchoKinds[]'), whenAccepted: withoutPoison, formats: ['json', 'xml'] })
      cases.push({ name: `xml batch json ${key} at ${position}`, request: post(json, `[${body}]`, '/xml/reply/EchoKinds[]'), whenAccepted: withoutPoison, asIs: 'xml' })
    }
    const v = `${key}:${poisonJsv(key)}`
    const jsvPositions: Record<string, string> = {
      top: `{needed:y,${v}}`,
      nested: `{needed:y,tree:{${v}}}`,
      'list item': `{needed:y,tree:{children:[{${v}}]}}`,
      map: `{needed:y,counts:{${v}}}`,
      generic: `{needed:y,orders:{items:[{${v}}]}}`,
    }
    // The key quoted, as JSV allows for any key.
    jsvPositions['quoted top'] = `{needed:y,"${key}":${poisonJsv(key)}}`
    jsvPositions['quoted map'] = `{needed:y,counts:{"${key}":1}}`
    for (const [position, body] of Object.entries(jsvPositions)) {
      push(`jsv ${key} at ${position}`, post(jsv, body))
      push(`query jsv ${key} at ${position}`, { method: 'GET', url: `/kinds?needed=y&tree=${encodeURIComponent(`{${v}}`)}&counts=${encodeURIComponent(`{${key}:1}`)}` })
    }
    const x = poisonXml(key)
    const xmlPositions: Record<string, string> = {
      top: `<EchoKinds><Needed>y</Needed>${x}</EchoKinds>`,
      nested: `<EchoKinds><Needed>y</Needed><Tree>${x}</Tree></EchoKinds>`,
      'list item': `<EchoKinds><Needed>y</Needed><Tree><Children><TreeNode>${x}</TreeNode></Children></Tree></EchoKinds>`,
      'map key': `<EchoKinds><Needed>y</Needed><Counts><KeyValueOfstringint><Key>${key}</Key><Value>1</Value></KeyValueOfstringint></Counts></EchoKinds>`,
      'map element': `<EchoKinds><Needed>y</Needed><Counts>${x}</Counts></EchoKinds>`,
      attribute: `<EchoKinds ${key}="1"><Needed ${key}="x">y</Needed><Tree ${key}:isAdmin="1"/></EchoKinds>`,
      'prefixed element': `<EchoKinds xmlns:p="urn:p"><Needed>y</Needed><p:${key}><isAdmin>1</isAdmin></p:${key}></EchoKinds>`,
      root: `<${key}><isAdmin>true</isAdmin></${key}>`,
      'namespace prefix': `<EchoKinds xmlns:${key}="urn:x"><Needed>y</Needed><${key}:Text>x</${key}:Text></EchoKinds>`,
      'nil prefix': `<EchoKinds xmlns:${key}="http://www.w3.org/2001/XMLSchema-instance"><Needed>y</Needed><Text ${key}:nil="true"/></EchoKinds>`,
    }
    for (const [position, body] of Object.entries(xmlPositions)) push(`xml ${key} at ${position}`, post(xml, body))
    const textual = [
      `${key}[isAdmin]=1`,
      `${key}[prototype][isAdmin]=1`,
      `${key}.isAdmin=1`,
      `${key}=polluted`,
      `tree[${key}][isAdmin]=1`,
      `tree.${key}.isAdmin=1`,
      `counts[${key}]=1`,
    ]
    for (const pair of textual) {
      push(`query ${pair}`, { method: 'GET', url: `/kinds?needed=y&${pair}` })
      push(`form ${pair}`, post(form, `needed=y&${pair}`))
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      push(`multipart ${pair}`, post(
        { 'content-type': 'multipart/form-data; boundary=b' },
        `--b\r\nContent-Disposition: form-data; name="needed"\r\n\r\ny\r\n--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--b--\r\n`,
      ))
    }
  }
  return cases
}

/** DOCTYPEs, external entities, entity bombs and floods of character references. */
export function xmlAttacks(): HostileCase[] {
  const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
  const big = `<!DOCTYPE d [<!ENTITY big "${'x'.repeat(1000)}">]>`
  const cases: HostileCase[] = [
    { name: 'billion laughs', request: post(xml, `${lol}<EchoKinds><Text>&lol3;</Text></EchoKinds>`), status: 400 },
    { name: 'one large entity used 100 times', request: post(xml, `${big}<EchoKinds><Text>${'&big;'.repeat(100)}</Text></EchoKinds>`), status: 400 },
    { name: 'external entity', request: post(xml, '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><EchoKinds><Text>&xxe;</Text></EchoKinds>'), status: 400 },
    { name: 'external DTD', request: post(xml, '<!DOCTYPE EchoKinds SYSTEM "http://127.0.0.1:1/evil.dtd"><EchoKinds/>'), status: 400 },
    { name: 'parameter entity', request: post(xml, '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x">%p;]><EchoKinds/>'), status: 400 },
    { name: 'lower-case doctype', request: post(xml, '<!doctype d><EchoKinds/>'), status: 400 },
    { name: 'doctype after a comment', request: post(xml, '<!-- c --><!DOCTYPE d><EchoKinds/>'), status: 400 },
    { name: 'entity with a dot in its name', request: post(xml, '<!DOCTYPE d [<!ENTITY l.t "<">]><EchoKinds><Text>&l.t;</Text></EchoKinds>'), status: 400 },
    { name: 'an undeclared entity', request: post(xml, '<EchoKinds><Text>&nbsp;</Text></EchoKinds>'), status: 400 },
    { name: 'a dotted entity without a declaration', request: post(xml, '<EchoKinds><Text>&lt.x;</Text></EchoKinds>'), status: 400 },
    { name: 'doctype hidden in a processing instruction position', request: post(xml, '<?xml version="1.0"?><!DOCTYPE x []><EchoKinds/>'), status: 400 },
    { name: 'a CDATA closing inside CDATA', request: post(xml, '<EchoKinds><Text><![CDATA[a]]>]]></Text></EchoKinds>'), status: 400 },
    { name: 'a document in UTF-16 declared', request: post(xml, '<?xml version="1.0" encoding="UTF-16"?><EchoKinds><Needed>y</Needed></EchoKinds>'), whenAccepted: (b) => (b === '{"needed":"y"}' ? undefined : b), asIs: 'json' },
  ]
  // Many references, all valid: read as text within the time limit, none lost.
  const refs = '&#65;'.repeat(100_000)
  cases.push({
    name: '100,000 numeric references',
    request: post(xml, `<EchoKinds><Needed>y</Needed><Text>${refs}</Text></EchoKinds>`),
    whenAccepted: (body) => (JSON.parse(body).text === 'A'.repeat(100_000) ? undefined : 'references were lost'),
    asIs: 'json',
  })
  cases.push({
    name: '100,000 hex references to a refused character',
    request: post(xml, `<EchoKinds><Needed>y</Needed><Text>${'&#x0;'.repeat(100_000)}</Text></EchoKinds>`),
    status: 400,
  })
  cases.push({
    name: '100,000 named entities',
    request: post(xml, `<EchoKinds><Needed>y</Needed><Text>${'&amp;&lt;'.repeat(50_000)}</Text></EchoKinds>`),
    whenAccepted: (body) => (JSON.parse(body).text === '&<'.repeat(50_000) ? undefined : 'entities were lost'),
    asIs: 'json',
  })
  cases.push({
    name: '50,000 attributes',
    request: post(xml, `<EchoKinds ${Array.from({ length: 50_000 }, (_, i) => `a${i}="1"`).join(' ')}><Needed>y</Needed></EchoKinds>`),
    whenAccepted: (body) => (body === '{"needed":"y"}' ? undefined : body.slice(0, 100)),
    asIs: 'json',
  })
  cases.push({
    name: '100,000 sibling elements',
    request: post(xml, `<EchoKinds><Needed>y</Needed>${'<u/>'.repeat(100_000)}</EchoKinds>`),
    whenAccepted: (body) => (body === '{"needed":"y"}' ? undefined : body.slice(0, 100)),
    asIs: 'json',
  })
  return cases
}

/** Content types spelled every odd way; none is parsed as something it does not say. */
export function contentTypes(): HostileCase[] {
  const body = '{"text":"x","needed":"y"}'
  const refused = [
    'application/json charset=utf8', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application',
    'application/', '/json', ';', 'application/json;;', 'text/plain', 'text/html', 'application/octet-stream', '*/*',
    'application/*', 'application/json, application/xml', 'application/json; charset="utf-8', 'application/json; =x',
    `application/${'j'.repeat(10_000)}`, 'application/json\u000b', 'text/csv', 'image/png',
    'multipart/form-data; boundary=', 'multipart/mixed; boundary=b', 'application/x-www-form-urlencoded; charset=latin1',
    'application/jsonx', 'text/xml; charset=ascii',
  ]
  const cases: HostileCase[] = refused.map((type) => ({
    name: `content type ${JSON.stringify(type.slice(0, 60))}`,
    request: post({ 'content-type': type }, body),
    status: 415,
  }))
  // Spellings that do name JSON: the broken body then proves the JSON reader read it.
  for (const type of ['Application/JSON', 'APPLICATION/JSON; CHARSET=UTF-8', 'application/json ;charset=utf-8', 'application/json\t; charset=utf-8',
    ' application/json ', 'application/json; charset="utf-8"', 'application/json;charset=utf8', 'text/json', 'application/vnd.api+json',
    'application/json; foo=bar; baz="q;uoted"']) {
    cases.push({ name: `JSON spelled ${JSON.stringify(type)}`, request: post({ 'content-type': type }, '{"needed":'), status: 400, errorCode: 'SerializationException' })
  }
  cases.push({ name: 'multipart without a boundary', request: post({ 'content-type': 'multipart/form-data' }, body), status: 400 })
  // These are read, and the JSON text is no XML or form: refused as what they say they are.
  // JSON is JSV too (quoted keys and text): read as it says.
  cases.push({ name: 'JSON sent as application/jsv', request: post(jsv, body), asIs: 'json', whenAccepted: (b) => (b === body ? undefined : b) })
  for (const type of ['application/xml', 'text/xml', 'application/json+xml', 'multipart/form-data; boundary=b']) {
    cases.push({ name: `JSON sent as ${type}`, request: post({ 'content-type': type }, body), status: 400 })
  }
  cases.push({ name: 'a body without a content type', request: { method: 'POST', url: '/kinds', payload: body }, status: 415 })
  cases.push({ name: 'multipart with another boundary', request: post({ 'content-type': 'multipart/form-data; boundary=zzz' }, '--b\r\nContent-Disposition: form-data; name="needed"\r\n\r\ny\r\n--b--\r\n'), status: 400 })
  cases.push({ name: 'multipart cut short', request: post({ 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\nContent-Disposition: form-data; name="needed"\r\n\r\ny'), status: 400 })
  cases.push({ name: 'multipart without disposition', request: post({ 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\n\r\ny\r\n--b--\r\n'), status: 400 })
  return cases
}

/** Unknown operations, formats, suffixes and pre-defined routes. */
export function unknownTargets(): HostileCase[] {
  const cases: HostileCase[] = []
  for (const url of ['/api/', '/nope', '/kinds/a/b/c', '/json/nope/EchoKinds', '/nope/reply/EchoKinds', '/api/EchoKinds/extra']) {
    cases.push({ name: `unknown ${url}`, request: { method: 'POST', url }, status: 404, errorCode: 'NotFound' })
  }
  // Pre-defined JSON routes answer JSON whatever Accept says; ?format= still counts.
  cases.push({ name: 'unknown /api/Nope.jsv', request: { method: 'POST', url: '/api/Nope.jsv' }, status: 404, asIs: 'jsv' })
  for (const url of ['/api/Nope', '/json/reply/Nope', '/api/Nope[]', '/json/reply/Nope[]', '/api/__proto__', '/api/constructor', '/api/No%0Bpe', '/api/%EF%BF%BF']) {
    cases.push({ name: `unknown ${url}`, request: { method: 'POST', url }, status: 404, errorCode: 'NotFound', formats: ['json', 'xml'] })
  }
  for (const [format, accept] of [['xml', 'application/xml'], ['jsv', 'application/jsv'], ['csv', 'text/csv']] as const) {
    cases.push({ name: `unknown operation on /${format}/reply`, request: { method: 'POST', url: `/${format}/reply/Nope` }, status: 404, asIs: format })
    cases.push({ name: `unknown path asked in ${format}`, request: { method: 'GET', url: '/kinds/a/b/c', headers: { accept } }, status: 404, asIs: format })
    cases.push({ name: `unknown path with .${format}`, request: { method: 'GET', url: `/nope.${format}` }, status: 404, asIs: format })
  }
  for (const url of ['/kinds?format=nope', '/kinds?format=', '/kinds?format=x%20ml', '/kinds?format=json.nope', '/kinds?format=__proto__', '/kinds?format=constructor', '/kinds?format=toString']) {
    cases.push({ name: `format ${url}`, request: { method: 'GET', url: `${url}&needed=y` }, asIs: 'json', whenAccepted: (b) => (b === '{"needed":"y"}' ? undefined : b) })
  }
  for (const url of ['/kinds.nope', '/api/EchoKinds.nope', '/kinds.__proto__', '/api/EchoKinds.constructor']) {
    cases.push({ name: `suffix ${url}`, request: { method: 'GET', url: `${url}?needed=y` }, asIs: 'json', whenAccepted: (b) => (b === '{"needed":"y"}' ? undefined : b) })
  }
  for (const accept of ['application/nope', 'nope', '', ';;;', '*/*;q=abc', 'application/json;q=2', `${'a/b,'.repeat(5000)}`]) {
    cases.push({ name: `accept ${JSON.stringify(accept.slice(0, 30))}`, request: { method: 'POST', url: '/kinds', headers: { accept, ...json }, payload: '{' }, status: 400, asIs: 'json' })
  }
  // The HTML view of an error: what the client sent is shown as text, never as markup.
  const hostile = '{"needed":"y","color":"<script>alert(1)</script>","tags":[1],"counts":{"<img src=x onerror=alert(1)>":1}}'
  cases.push({ name: 'html page of a hostile body', request: post(json, hostile, '/kinds.html'), status: 400, asIs: 'html' })
  cases.push({ name: 'html page asked by Accept', request: post({ ...json, accept: 'text/html' }, hostile), status: 400, asIs: 'html' })
  cases.push({ name: 'html page of an unknown path', request: { method: 'GET', url: '/%3Cscript%3Ealert(1)%3C%2Fscript%3E.html' }, status: 404, asIs: 'html' })
  cases.push({ name: 'html page of an unknown operation', request: { method: 'GET', url: '/api/%3Csvg%20onload%3Dalert(1)%3E?format=html' }, status: 404, asIs: 'html' })
  for (const encoding of ['gzip;q=abc', 'br;q=2, *;q=0', 'identity;q=0', '*;q=0', 'x'.repeat(10_000), 'gzip, gzip, gzip', ',,,;;;', 'zstd', 'GZIP']) {
    cases.push({ name: `accept-encoding ${JSON.stringify(encoding.slice(0, 30))}`, request: { method: 'GET', url: '/kinds?needed=y&count=x', headers: { 'accept-encoding': encoding } }, status: 400, field: 'Count' })
  }
  for (const callback of ['alert(1)', '<script>', 'a b', 'x'.repeat(200), 'a.', '1abc']) {
    cases.push({ name: `callback ${callback.slice(0, 20)}`, request: { method: 'GET', url: `/kinds?needed=y&callback=${encodeURIComponent(callback)}` }, status: 400, asIs: 'json' })
  }
  return cases
}

/** Headers and parameters that try to change the method. */
export function methodOverrides(): HostileCase[] {
  const cases: HostileCase[] = []
  for (const method of ['POST', 'PUT', 'PATCH', 'GET']) {
    for (const header of ['x-http-method-override', 'x-http-method', 'x-method-override']) {
      cases.push({ name: `${method} with ${header}: DELETE`, request: { method: method as 'POST', url: '/contacts/1', headers: { [header]: 'DELETE' } }, status: 405, errorCode: 'MethodNotAllowed' })
    }
    cases.push({ name: `${method} with ?_method=DELETE`, request: { method: method as 'POST', url: '/contacts/1?_method=DELETE' }, status: 405 })
  }
  cases.push({ name: 'form _method=DELETE', request: post(form, '_method=DELETE', '/contacts/1'), status: 405 })
  cases.push({ name: 'json _method DELETE', request: post(json, '{"_method":"DELETE"}', '/contacts/1'), status: 405 })
  for (const method of ['TRACE', 'PROPFIND', 'MKCOL', 'LOCK']) {
    cases.push({ name: `${method} on a DELETE route`, request: { method: method as 'GET', url: '/contacts/1' }, status: 405 })
  }
  return cases
}

/** `..` and `.` segments, plain and encoded, in wildcard and simple path variables. */
export function pathTraversal(): HostileCase[] {
  const cases: HostileCase[] = []
  const segments = ['%2e%2e', '%2E%2E', '.%2e', '%2e.', '%2e', 'a%2f..%2fb', '..%2f..%2fetc', 'a%2f%2e%2e%2fb', '..%5c..%5cwin', 'a%5c..', '%2e%2e%5c']
  for (const segment of segments) {
    for (const base of ['/files/a/', '/files/', '/content/', '/contacts/']) {
      const method = base === '/contacts/' ? 'DELETE' : 'GET'
      cases.push({ name: `${method} ${base}${segment}`, request: { method, url: `${base}${segment}` }, status: 400, errorCode: 'BadRequest' })
    }
    cases.push({ name: `GET /files/${segment}/etc/passwd`, request: { method: 'GET', url: `/files/${segment}/etc/passwd` }, status: 400 })
  }
  return cases
}

/** Very long URLs and headers, as far as inject carries them (Node's limits are tried on a socket). */
export function longInputs(): HostileCase[] {
  return [
    { name: 'a 200,000-character query value', request: { method: 'GET', url: `/kinds?needed=y&count=${'1'.repeat(200_000)}` }, status: 400, field: 'Count' },
    { name: 'a 200,000-character path variable', request: { method: 'POST', url: `/kinds/${'a'.repeat(200_000)}?needed=y&count=x` }, status: 400, field: 'Count' },
    { name: 'a 200,000-character unknown path', request: { method: 'GET', url: `/${'a/'.repeat(100_000)}` }, status: 404 },
    { name: '20,000 query parameters', request: { method: 'GET', url: `/kinds?needed=y&${Array.from({ length: 20_000 }, (_, i) => `p${i}=${i}`).join('&')}&count=x` }, status: 400, field: 'Count' },
    { name: '20,000 repeats of one parameter', request: { method: 'GET', url: `/kinds?needed=y${'&count=1'.repeat(20_000)}` }, status: 400, field: 'Count' },
    { name: 'a 100,000-character header', request: { method: 'POST', url: '/kinds', headers: { ...json, 'x-long': 'a'.repeat(100_000) }, payload: '{' }, status: 400 },
    { name: 'a 100,000-character cookie', request: { method: 'POST', url: '/kinds', headers: { ...json, cookie: `ss-id=${'a'.repeat(100_000)}` }, payload: '{' }, status: 400 },
    { name: 'a 100,000-character authorization', request: { method: 'POST', url: '/kinds', headers: { ...json, authorization: `Bearer ${'a'.repeat(100_000)}` }, payload: '{' }, status: 400 },
  ]
}

/** Forms past their field and file limits, batches past theirs, XML with nils where none fit. */
export function limitsAndOddities(): HostileCase[] {
  const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=1`).join('&')
  const parts = (n: number, file: boolean) =>
    '--b\r\n' +
    Array.from({ length: n }, (_, i) => `Content-Disposition: form-data; name="f${i}"${file ? `; filename="f${i}.txt"` : ''}\r\n\r\n1\r\n--b`).join('\r\n') +
    '--\r\n'
  const multipartType = { 'content-type': 'multipart/form-data; boundary=b' }
  const nil = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'
  const batch = (n: number) => `[${Array.from({ length: n }, () => '{"needed":"y"}').join(',')}]`
  return [
    { name: 'a url-encoded form of 1,001 fields', request: post(form, `needed=y&${fields(1000)}`), status: 413 },
    { name: 'a url-encoded form of 1,001 empty pairs', request: post(form, `needed=y${'&'.repeat(1000)}`), status: 413 },
    { name: 'a url-encoded form of 1,000 repeats of one list member', request: post(form, `needed=y&${'tags=a&'.repeat(1000)}`), status: 413 },
    { name: 'a multipart form of 1,001 fields', request: post(multipartType, parts(1001, false)), status: 413 },
    { name: 'a multipart form of 101 files', request: post(multipartType, parts(101, true)), status: 413 },
    { name: 'a batch of 101 requests', request: post(json, batch(101), '/json/reply/EchoKinds[]'), status: 400, formats: ['json', 'xml'] },
    { name: 'a batch of 50,000 empty requests', request: post(json, `[${'{},'.repeat(49_999)}{}]`, '/json/reply/EchoKinds[]'), status: 400, formats: ['json', 'xml'] },
    { name: 'a batch that is an object', request: post(json, '{"needed":"y"}', '/json/reply/EchoKinds[]'), status: 400, formats: ['json', 'xml'] },
    { name: 'a batch of scalars', request: post(json, '[1,"a",null,true]', '/json/reply/EchoKinds[]'), status: 400, formats: ['json', 'xml'] },
    { name: 'an XML root that is nil', request: post(xml, `<EchoKinds ${nil} i:nil="true"/>`), status: 400 },
    { name: 'an XML map key that is nil', request: post(xml, `<EchoKinds ${nil}><Needed>y</Needed><Counts><KeyValueOfstringint><Key i:nil="true"/><Value>1</Value></KeyValueOfstringint></Counts></EchoKinds>`), status: 400 },
    { name: 'an XML map key given twice', request: post(xml, '<EchoKinds><Needed>y</Needed><Counts><E><Key>a</Key><Value>1</Value></E><E><Key>a</Key><Value>2</Value></E></Counts></EchoKinds>'), status: 400 },
    { name: 'an XML nil prefix bound to another namespace', request: post(xml, '<EchoKinds xmlns:i="urn:other"><Needed i:nil="true">y</Needed><Count>x</Count></EchoKinds>'), status: 400, field: 'Count' },
    { name: 'JSON of nulls in a list of integers', request: post(json, '{"needed":"y","orders":{"items":[{"quantity":null},{"quantity":"1"}]}}'), status: 400, field: 'Orders' },
  ]
}

/** The metadata pages and typed DTOs, given broken and hostile options. */
export function metadataPages(): HostileCase[] {
  const cases: HostileCase[] = []
  for (const url of ['/json/metadata?op=%FF', '/types/typescript?IncludeTypes=%FF', '/metadata?x=%E0%A4%A', '/types/python?%ZZ=1', '/types/metadata?a=%']) {
    cases.push({ name: `metadata ${url}`, request: { method: 'GET', url }, status: 400, errorCode: 'BadRequest' })
  }
  // Errors inside a metadata page are pages themselves: HTML, whatever is asked.
  for (const url of ['/json/metadata?op=__proto__', '/json/metadata?op=constructor', '/json/metadata?op=%3Cscript%3E', '/xml/metadata?op=EchoKinds&lang=__proto__', '/jsv/metadata?op=a&op=b']) {
    cases.push({ name: `metadata ${url}`, request: { method: 'GET', url }, asIs: 'html' })
  }
  for (const url of ['/types/typescript?GlobalNamespace=%0A%0D*/alert(1)', `/types/typescript?ExcludeTypes=${'a,'.repeat(1000)}`, '/types/python?IncludeTypes=%00']) {
    cases.push({ name: `types ${url.slice(0, 60)}`, request: { method: 'GET', url }, status: 400 })
  }
  return cases
}

/**
 * Long text shaped to make a pattern backtrack, for every member: each parser must answer
 * within the per-request time limit.
 */
export function backtrackingText(registry: Registry): HostileCase[] {
  const shapes = [
    `${'9'.repeat(50_000)}x`, '1.'.repeat(25_000), `P${'1D'.repeat(20_000)}x`, `PT${'1H'.repeat(20_000)}`, `${'0'.repeat(50_000)}-`,
    `${' '.repeat(50_000)}x`, `/Date(${'1'.repeat(50_000)})/`, `${'1:'.repeat(25_000)}x`, `${'a-'.repeat(25_000)}`, `${'A'.repeat(50_001)}=`,
    `${'2024-01-01T'.repeat(5000)}`, `{${'a:'.repeat(20_000)}`, `[${'"",'.repeat(20_000)}`, '"'.repeat(50_000), `${'e'.repeat(50_000)}1`,
  ]
  const cases: HostileCase[] = []
  for (const member of allProperties(registry, 'EchoKinds')) {
    const textual = member.type.kind === 'primitive' && member.type.name === 'string'
    const listOfText = member.type.kind === 'list' && member.type.item.kind === 'primitive' && member.type.item.name === 'string'
    for (const shape of shapes) {
      const payload = `${member.key === 'needed' ? '' : 'needed=y&'}${member.wireName}=${encodeURIComponent(shape)}`
      // Long text is a fine string, kept whole; a list of strings may read it as items;
      // every other kind must refuse it.
      const whenAccepted = textual
        ? (body: string) => (JSON.parse(body)[member.wireName] === shape ? undefined : 'the text came back changed')
        : listOfText ? () => undefined : undefined
      cases.push({
        name: `form ${member.name} = ${JSON.stringify(shape.slice(0, 12))}... (${shape.length} characters)`,
        request: post(form, payload),
        whenAccepted,
        field: whenAccepted ? undefined : member.name,
        asIs: 'json',
      })
    }
  }
  return cases
}
