/** 401, 403, 400 and 404 come back in the format the request asked for. */
import t from 'tap'
import { XMLParser } from 'fast-xml-parser'
import { parseJsv } from '../../src/formats/jsv/parse'
import { buildApp, users } from '../helpers/build-app'

interface Status {
  errorCode: string
  fields: string[]
}

const readers: Record<string, (body: string) => Status> = {
  json: (body) => {
    const status = JSON.parse(body).responseStatus
    return { errorCode: status.errorCode, fields: status.errors.map((e: { fieldName: string }) => e.fieldName) }
  },
  xml: (body) => {
    const doc = new XMLParser({ removeNSPrefix: true, isArray: (name) => name === 'ResponseError' }).parse(body)
    const status = doc.ErrorResponse.ResponseStatus
    const errors = status.Errors === '' ? [] : status.Errors.ResponseError
    return { errorCode: status.ErrorCode, fields: errors.map((e: { FieldName: string }) => e.FieldName) }
  },
  jsv: (body) => {
    const status = (parseJsv(body) as { responseStatus: { errorCode: string; errors: Array<{ fieldName: string }> } }).responseStatus
    return { errorCode: status.errorCode, fields: status.errors.map((e) => e.fieldName) }
  },
  csv: (body) => {
    const [header, row] = body.split('\r\n')
    t.equal(header, 'ErrorCode,Message,StackTrace,Errors,Meta')
    const errors = /"(\[.*\])"/.exec(row!)?.[1] ?? /,(\[\]),/.exec(row!)?.[1] ?? '[]'
    return {
      errorCode: row!.split(',')[0]!,
      fields: (parseJsv(errors.replace(/""/g, '"')) as Array<{ fieldName: string }>).map((e) => e.fieldName),
    }
  },
}

const contentTypes: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml',
  jsv: 'application/jsv',
  csv: 'text/csv',
}

t.test('errors in JSON, XML, JSV and CSV', async (t) => {
  const { app, login } = await buildApp(t)
  const user = await login(users.alice)
  const noRole = await login(users.nora)
  const cases: Array<{ name: string; status: number; errorCode: string; fields: string[]; request: (f: string) => object }> = [
    { name: '401', status: 401, errorCode: 'Unauthorized', fields: [], request: (f) => ({ method: 'POST', url: `/app/tokens?format=${f}`, payload: { deviceType: 'Web', token: 'x' } }) },
    { name: '403', status: 403, errorCode: 'Forbidden', fields: [], request: (f) => ({ method: 'POST', url: `/app/tokens.${f}`, headers: { cookie: noRole }, payload: { deviceType: 'Web', token: 'x' } }) },
    { name: '400', status: 400, errorCode: 'SerializationException', fields: ['DeviceType', 'Token'], request: (f) => ({ method: 'POST', url: `/api/NewDeviceToken.${f}`, headers: { cookie: user }, payload: { deviceType: 'Desktop' } }) },
    { name: '404', status: 404, errorCode: 'NotFound', fields: [], request: (f) => ({ method: 'DELETE', url: `/app/tokens/none?format=${f}`, headers: { cookie: user } }) },
  ]

  for (const format of Object.keys(readers)) {
    for (const c of cases) {
      const res = await app.inject(c.request(format) as never)
      const label = `${c.name} in ${format}`
      t.equal(res.statusCode, c.status, label)
      t.equal(res.headers['content-type'], contentTypes[format], label)
      t.same(readers[format]!(res.body), { errorCode: c.errorCode, fields: c.fields }, label)
    }
  }
})

t.test('/api/{Op}.{ext} reads JSON and answers in the format of its suffix', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.alice)

  const res = await app.inject({
    method: 'POST',
    url: '/api/NewDeviceToken.xml',
    headers: { cookie, 'content-type': 'text/plain' },
    payload: '{"deviceType":"iOS","token":"suffixed"}',
  })

  t.equal(res.statusCode, 200)
  t.match(res.body, /<DeviceType>iOS<\/DeviceType><Token>suffixed<\/Token><\/DeviceTokenInfo>$/)
})
