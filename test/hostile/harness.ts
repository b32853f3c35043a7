/**
 * Sends hostile requests to a real server and judges each answer: a 4xx whose body is a
 * ResponseStatus in the format the request asked for, within 10 seconds. Counts what it sent.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import http from 'node:http'
import { parseJsv } from '../../src/formats/jsv'

/** The formats an error can be asked for in. */
export type WireFormat = 'json' | 'xml' | 'jsv' | 'csv' | 'html'

/** One hostile request and what its answer must be. */
export interface HostileCase {
  readonly name: string
  readonly request: InjectOptions & { url: string }
  /** The status, when one is certain; any 4xx otherwise. */
  readonly status?: number
  /** The top-level errorCode, when one is certain. */
  readonly errorCode?: string | RegExp
  /** A field error that must be listed (its PascalCase path, or the start of it). */
  readonly field?: string
  /**
   * For inputs that may be read harmlessly (a poisoning key that is ignored, a long but
   * valid value): a 200 is then acceptable and is checked by this function instead.
   */
  readonly whenAccepted?: (body: string) => string | undefined
  /** Sent only as it is, not once per format (its own format is part of the case). */
  readonly asIs?: WireFormat
  /** The formats it is sent in, when not all of them (`/api/{Op}` answers JSON whatever `Accept` says). */
  readonly formats?: readonly WireFormat[]
}

/** An answer, from inject or from a real socket. */
export interface Answered {
  readonly statusCode: number
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>
  readonly body: string
}

/** What a refused request answered, read back from its format. */
export interface ReadStatus {
  readonly errorCode: string
  readonly message: string
  readonly errors: readonly { errorCode?: string; fieldName?: string; message?: string }[]
}

const perRequestMs = 10_000

/** Sends cases and counts them. */
export class Barrage {
  sent = 0

  /** Sends through `inject`, or over HTTP to `baseUrl` when the path must arrive as written. */
  constructor(
    private readonly app: FastifyInstance,
    private readonly baseUrl?: string,
  ) {}

  /** Sends a case once per format (or as it is), checking every answer. */
  async run(t: tap.Test, item: HostileCase): Promise<void> {
    const all = item.asIs ? [{ format: item.asIs, request: item.request }] : inEveryFormat(item.request)
    const variants = item.formats ? all.filter((v) => item.formats!.includes(v.format)) : all
    for (const { format, request } of variants) {
      const res = await this.send(request)
      judge(t, `${printable(item.name)} [${format}]`, { item, format, res })
    }
  }

  /** Sends one request with the per-request time limit; a hang fails the test. */
  async send(request: InjectOptions): Promise<Answered> {
    this.sent++
    let timer: NodeJS.Timeout | undefined
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${perRequestMs} ms`)), perRequestMs)
    })
    const answer = this.baseUrl ? sendOverHttp(this.baseUrl, request) : this.app.inject(request)
    try {
      return await Promise.race([answer, hang])
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Sends a request with its path exactly as written (inject and fetch resolve `%2e%2e`). */
export function sendOverHttp(baseUrl: string, request: InjectOptions): Promise<Answered> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, method: request.method ?? 'GET', path: String(request.url), headers: request.headers as http.OutgoingHttpHeaders },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(request.payload as string | Buffer | undefined)
  })
}

/** The request as-is (JSON), and asking for XML, JSV and CSV in the three ways a client can. */
export function inEveryFormat(request: InjectOptions & { url: string }): { format: WireFormat; request: InjectOptions }[] {
  const headers = (request.headers ?? {}) as Record<string, string>
  return [
    { format: 'json', request },
    { format: 'xml', request: { ...request, url: withQuery(request.url, 'format=xml') } },
    { format: 'jsv', request: { ...request, headers: { ...headers, accept: 'application/jsv' } } },
    { format: 'csv', request: { ...request, headers: { ...headers, accept: 'text/csv, */*;q=0.1' } } },
  ]
}

// Test names go into TAP lines: control characters and line separators would break them.
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function withQuery(url: string, param: string): string {
  const hash = url.indexOf('#')
  const base = hash < 0 ? url : url.slice(0, hash)
  return `${base}${base.includes('?') ? '&' : '?'}${param}`
}

function judge(t: tap.Test, name: string, at: { item: HostileCase; format: WireFormat; res: Answered }): void {
  const { item, format, res } = at
  if (res.statusCode < 400 && item.whenAccepted) {
    const problem = item.whenAccepted(res.body)
    t.equal(problem, undefined, `${name}: accepted harmlessly`)
    return
  }
  const expected = item.status ?? '4xx'
  const statusOk = item.status ? res.statusCode === item.status : res.statusCode >= 400 && res.statusCode < 500
  if (!statusOk) {
    t.fail(`${name}: status ${res.statusCode}, expected ${expected}: ${res.body.slice(0, 300)}`)
    return
  }
  const problem = checkBody(format, res)
  if (typeof problem === 'string') {
    t.fail(`${name}: ${problem}`)
    return
  }
  if (item.errorCode !== undefined) {
    const matches = typeof item.errorCode === 'string' ? problem.errorCode === item.errorCode : item.errorCode.test(problem.errorCode)
    if (!matches) {
      t.fail(`${name}: errorCode ${problem.errorCode}, expected ${item.errorCode}: ${problem.message}`)
      return
    }
  }
  if (item.field !== undefined) {
    const field = item.field
    const listed = problem.errors.some((e) => e.fieldName === field || e.fieldName?.startsWith(`${field}.`) || e.fieldName?.startsWith(`${field}[`))
    if (!listed) {
      t.fail(`${name}: no field error for ${field}: ${JSON.stringify(problem.errors).slice(0, 300)}`)
      return
    }
  }
  t.pass(name)
}

const contentTypes: Record<WireFormat, RegExp> = {
  json: /^application\/json/,
  xml: /^application\/xml/,
  jsv: /^application\/jsv/,
  csv: /^text\/csv/,
  html: /^text\/html/,
}

/** Reads the ResponseStatus of an answer in its format; a string says what is wrong. */
export function checkBody(format: WireFormat, res: Answered): ReadStatus | string {
  const type = String(res.headers['content-type'] ?? '')
  if (!contentTypes[format].test(type)) return `content type '${type}', expected ${format}: ${res.body.slice(0, 200)}`
  let status: ReadStatus | undefined
  try {
    status = readStatus(format, res.body)
  } catch (error) {
    return `the body does not parse as ${format} (${(error as Error).message}): ${res.body.slice(0, 200)}`
  }
  if (!status || typeof status.errorCode !== 'string' || status.errorCode === '') {
    return `no ResponseStatus with an errorCode: ${res.body.slice(0, 200)}`
  }
  if (typeof status.message !== 'string' || status.message === '') return `no message: ${res.body.slice(0, 200)}`
  return status
}

const xmlReader = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'ResponseError' })

function readStatus(format: WireFormat, body: string): ReadStatus | undefined {
  switch (format) {
    case 'json':
      return JSON.parse(body).responseStatus
    case 'jsv': {
      const status = (parseJsv(body) as Record<string, Record<string, unknown>>).responseStatus
      return status && { errorCode: String(status.errorCode), message: String(status.message), errors: (status.errors ?? []) as ReadStatus['errors'] }
    }
    case 'xml': {
      const valid = XMLValidator.validate(body)
      if (valid !== true) throw new Error(valid.err.msg)
      const document = xmlReader.parse(body) as Record<string, Record<string, Record<string, unknown>>>
      const root = Object.keys(document).filter((k) => k !== '?xml')
      if (root.length !== 1) throw new Error('not one root element')
      const status = document[root[0]!]!.ResponseStatus
      if (!status) return undefined
      const errors = (status.Errors as { ResponseError?: Record<string, string>[] } | '')
      const list = (typeof errors === 'object' ? errors.ResponseError ?? [] : []).map((e) => ({ errorCode: e.ErrorCode, fieldName: e.FieldName, message: e.Message }))
      return { errorCode: String(status.ErrorCode ?? ''), message: String(status.Message ?? ''), errors: list }
    }
    case 'html': {
      // The page shows the status as tables; nothing the client sent may become markup.
      if (/<(script|img|svg|iframe)\b/i.test(body)) throw new Error('the page holds markup from the request')
      const cell = (name: string) => new RegExp(`<th scope="row">${name}</th><td>([^<]*)</td>`).exec(body)?.[1] ?? ''
      return { errorCode: cell('errorCode'), message: cell('message'), errors: [] }
    }
    case 'csv': {
      const rows = parseCsv(body)
      if (rows.length < 2) throw new Error('no data row')
      const header = rows[0]!
      const row = rows[1]!
      const cell = (name: string) => row[header.indexOf(name)] ?? ''
      const errors = cell('Errors')
      return { errorCode: cell('ErrorCode'), message: cell('Message'), errors: errors ? readJsvErrors(errors) : [] }
    }
  }
}

function readJsvErrors(text: string): ReadStatus['errors'] {
  const list = parseJsv(text)
  return Array.isArray(list) ? (list as ReadStatus['errors']) : []
}

/** RFC 4180 rows: quoted cells with doubled quotes, `\r\n` between rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let at = 0
  while (at < text.length) {
    let cell = ''
    if (text[at] === '"') {
      at++
      for (;;) {
        const end = text.indexOf('"', at)
        if (end < 0) throw new Error('a quoted cell does not end')
        cell += text.slice(at, end)
        at = end + 1
        if (text[at] !== '"') break
        cell += '"'
        at++
      }
    } else {
      const start = at
      while (at < text.length && text[at] !== ',' && text[at] !== '\r') at++
      cell = text.slice(start, at)
    }
    row.push(cell)
    if (text[at] === ',') {
      at++
    } else if (text.startsWith('\r\n', at)) {
      rows.push(row)
      row = []
      at += 2
    } else if (at < text.length) {
      throw new Error(`unexpected '${text[at]}' after a cell`)
    }
  }
  if (row.length > 0) rows.push(row)
  return rows
}

/** Object.prototype and Array.prototype as they are now, to compare at the end. */
export function prototypeSnapshot(extra: readonly object[] = []): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, ...extra].map((p) => Object.getOwnPropertyNames(p).sort().join(','))
}

/** Why a body accepted from a poisoning attempt is not harmless, or undefined. */
export function withoutPoison(body: string): string | undefined {
  return /isAdmin|polluted/i.test(body) ? `the answer carries the poisoned value: ${body.slice(0, 200)}` : undefined
}
