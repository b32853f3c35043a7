/**
 * The servers of the benchmark, one per child process: `node dist/bench/servers.js <server>
 * <case> [database]`, where server is `dtostack` or `fastify`. Prints `{"port":N}` once
 * listening on 127.0.0.1, then answers each line `cpu` on its standard input with the CPU
 * time the process has used so far, `{"user":µs,"system":µs}`.
 */
import fastifyCookie from '@fastify/cookie'
import Database from 'better-sqlite3'
import Fastify, { type FastifyInstance } from 'fastify'
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { XMLBuilder, XMLParser } from 'fast-xml-parser'
import { createApp } from '../src/app/create-app'
import { createServer, openDatabase } from '../src/index'
import * as contract from './contract'
import { echoPayload, respond, responseSchema, validatedSchema, xmlNamespace } from './contract'

export type CaseName = 'json' | 'json-validated' | 'xml' | 'new-device-token' | 'batch-10'

/** The dtostack server of a case, not yet listening. */
export async function dtostackServer(caseName: CaseName, databasePath?: string): Promise<FastifyInstance> {
  if (caseName === 'new-device-token') return createApp({ database: openDatabase(databasePath!) })
  return createServer({ modules: [contract], namespace: 'Bench' })
}

/** The fastify server of a case, not yet listening. */
export async function fastifyServer(caseName: CaseName, databasePath?: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  switch (caseName) {
    case 'json':
    case 'batch-10':
      app.post('/echo', { schema: { response: responseSchema } }, async (request) => respond(request.body as typeof echoPayload))
      break
    case 'json-validated':
      app.post('/echo-validated', { schema: { body: validatedSchema, response: responseSchema } }, async (request) =>
        respond(request.body as typeof echoPayload))
      break
    case 'xml':
      serveXml(app)
      break
    case 'new-device-token':
      await serveDeviceTokens(app, databasePath!)
      break
  }
  return app
}

// XML both ways with fast-xml-parser, written by hand as an application without dtostack would.
function serveXml(app: FastifyInstance): void {
  const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'string' })
  const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true })
  app.addContentTypeParser('application/xml', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parser.parse(body as string))
    } catch (error) {
      done(error as Error)
    }
  })
  app.post('/echo', async (request, reply) => {
    const xml = (request.body as { Echo: Record<string, unknown> }).Echo
    const input = {
      name: String(xml.Name),
      count: Number(xml.Count),
      tags: ((xml.Tags as { string?: string[] } | undefined)?.string ?? []).map(String),
      price: Number(xml.Price),
      active: xml.Active === 'true',
    }
    const output = respond(input)
    const body = builder.build({
      EchoResponse: {
        '@_xmlns:i': 'http://www.w3.org/2001/XMLSchema-instance',
        '@_xmlns': xmlNamespace,
        Name: output.name,
        Count: output.count,
        Tags: { '@_xmlns:d2p1': 'http://schemas.microsoft.com/2003/10/Serialization/Arrays', 'd2p1:string': output.tags },
        Price: output.price,
        Active: output.active,
      },
    })
    return reply.header('content-type', 'application/xml').send(`<?xml version="1.0" encoding="utf-8"?>${body}`)
  })
}

// The session lookup and SQL of the sample app's NewDeviceToken, in a plain handler.
async function serveDeviceTokens(app: FastifyInstance, databasePath: string): Promise<void> {
  await app.register(fastifyCookie)
  // The settings dtostack's openDatabase uses, so that both run the same SQL on the same terms.
  const db = new Database(databasePath)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  const session = db.prepare<[string, string], { user_id: number }>('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?')
  const user = db.prepare<[number], { id: number }>('SELECT * FROM users WHERE id = ?')
  const roles = db.prepare<[number], { role: string }>('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role')
  const insert = db.prepare(
    `INSERT INTO device_tokens (user_id, device_type, token, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, token) DO NOTHING`,
  )
  const one = db.prepare<[number, string], { device_type: string; token: string }>(
    'SELECT device_type, token, created_at FROM device_tokens WHERE user_id = ? AND token = ?',
  )
  const add = db.transaction((userId: number, deviceType: string, token: string) => {
    insert.run(userId, deviceType, token, new Date().toISOString())
    return one.get(userId, token)!
  })
  const schema = {
    type: 'object',
    required: ['deviceType', 'token'],
    properties: { deviceType: { enum: ['Web', 'iOS', 'Android'] }, token: { type: 'string', minLength: 1, maxLength: 4096, pattern: '\\S' } },
  }
  app.post('/app/tokens', { schema: { body: schema } }, async (request, reply) => {
    const id = request.cookies['ss-id']
    const row = id ? session.get(createHash('sha256').update(id).digest('hex'), new Date().toISOString()) : undefined
    const account = row && user.get(row.user_id)
    if (!row || !account) return reply.code(401).send({ responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated' } })
    if (!roles.all(account.id).some((r) => r.role === 'User')) {
      return reply.code(403).send({ responseStatus: { errorCode: 'Forbidden', message: 'Invalid Role' } })
    }
    const body = request.body as { deviceType: string; token: string }
    const stored = add(account.id, body.deviceType, body.token)
    return { deviceType: stored.device_type, token: stored.token }
  })
}

async function main(): Promise<void> {
  const [server, caseName, databasePath] = process.argv.slice(2) as ['dtostack' | 'fastify', CaseName, string | undefined]
  const app = server === 'dtostack' ? await dtostackServer(caseName, databasePath) : await fastifyServer(caseName, databasePath)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`)
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'cpu') process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`)
  })
  process.on('SIGTERM', () => {
    app.close().then(() => process.exit(0), () => process.exit(1))
  })
}

// Imported (to profile a case in one process), it only lends its servers.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
