/**
 * `npm run bench [-- --quick] [-- --out FILE]`: each case served by dtostack and by raw fastify in separate
 * processes, driven by autocannon on loopback in interleaved rounds; then the start-up,
 * memory and page times of an API of 1,000 operations. Prints a table and writes
 * `bench/results.json`. Ratios measured in one run are the figures: absolute numbers vary
 * with whatever else the machine is doing.
 */
import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createApp } from '../src/app/create-app'
import { hashPassword } from '../src/auth/passwords'
import { openDatabase } from '../src/index'
import { SqliteAuthStore } from '../src/store/auth-store'
import { echoPayload, echoXml } from './contract'
import { measureScale, type ScaleResult } from './scale'

const root = join(__dirname, '..', '..')
const quick = process.argv.includes('--quick')
const outIndex = process.argv.indexOf('--out')
const outFile = outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1]! : join(root, 'bench', 'results.json')
const settings = quick ? { rounds: 1, seconds: 1, warmup: 1 } : { rounds: 3, seconds: 8, warmup: 3 }
const connections = 10

interface Target {
  readonly method: 'POST'
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: string
  /** Operations one request carries (a batch carries several). */
  readonly operations: number
}

interface CaseSetup {
  readonly name: string
  readonly dtostack: Target
  readonly fastify: Target
  readonly database?: { readonly dtostack: string; readonly fastify: string }
}

interface Measure {
  readonly reqPerSec: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** The server's CPU time (user and system) per operation, in µs. */
  readonly cpuUsPerOp: number
}

/** One case's figures, as `results.json` records them. */
export interface CaseResult {
  readonly name: string
  readonly reqPerSec: number
  readonly baselineReqPerSec: number
  /** dtostack's operations per second over fastify's. */
  readonly ratio: number
  readonly p50Ms: number
  readonly baselineP50Ms: number
  readonly p99Ms: number
  readonly baselineP99Ms: number
  /**
   * CPU time (user and system) per operation of each server, in µs, and fastify's over
   * dtostack's: less moved by the machine's other work than requests per second.
   */
  readonly cpuUsPerOp: number
  readonly baselineCpuUsPerOp: number
  readonly cpuRatio: number
}

const json = { 'content-type': 'application/json' }
const echoJson = JSON.stringify(echoPayload)

async function cases(dir: string): Promise<CaseSetup[]> {
  const token = await deviceTokenDatabase(join(dir, 'dtostack.db'))
  copyFileSync(join(dir, 'dtostack.db'), join(dir, 'fastify.db'))
  const single = { method: 'POST', path: '/echo', headers: json, body: echoJson, operations: 1 } as const
  const cookie = { ...json, cookie: `ss-id=${token}` }
  const deviceToken = { method: 'POST', path: '/app/tokens', headers: cookie, body: '{"deviceType":"Web","token":"bench-token"}', operations: 1 } as const
  const validated = { method: 'POST', path: '/echo-validated', headers: json, body: echoJson, operations: 1 } as const
  const xml = { method: 'POST', path: '/echo', headers: { 'content-type': 'application/xml', accept: 'application/xml' }, body: echoXml, operations: 1 } as const
  return [
    { name: 'json', dtostack: single, fastify: single },
    { name: 'json-validated', dtostack: validated, fastify: validated },
    { name: 'xml', dtostack: xml, fastify: xml },
    { name: 'new-device-token', dtostack: deviceToken, fastify: deviceToken, database: { dtostack: join(dir, 'dtostack.db'), fastify: join(dir, 'fastify.db') } },
    {
      name: 'batch-10',
      dtostack: { method: 'POST', path: '/api/Echo[]', headers: json, body: JSON.stringify(Array(10).fill(echoPayload)), operations: 10 },
      fastify: single,
    },
  ]
}

// The sample app's database with a user of role User and a session; answers the session id.
async function deviceTokenDatabase(path: string): Promise<string> {
  const database = openDatabase(path)
  const app = await createApp({ database })
  new SqliteAuthStore(database).users.create({ userName: 'bench', passwordHash: await hashPassword('bench-password'), roles: ['User'] })
  const res = await app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'bench', password: 'bench-password' } })
  await app.close()
  database.close()
  const session = res.cookies.find((c) => c.name === 'ss-id')
  if (!session) throw new Error(`the bench user could not sign in: ${res.body}`)
  return session.value
}

interface Running {
  readonly child: ChildProcess
  readonly url: string
  /** The CPU time (user and system, µs) the server's process has used so far. */
  readonly cpu: () => Promise<number>
}

/**
 * Starts `node dist/bench/servers.js <server> <case>` and waits for its port. Each later
 * line it prints answers one `cpu` question, in order.
 */
export function startServer(args: readonly string[]): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'servers.js'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    const waiting: Array<{ answer: (line: string) => void; fail: (error: Error) => void }> = []
    let ended: Error | undefined
    const cpu = () =>
      new Promise<number>((answer, fail) => {
        if (ended) return fail(ended)
        waiting.push({
          answer: (line) => {
            const usage = JSON.parse(line) as { user: number; system: number }
            answer(usage.user + usage.system)
          },
          fail,
        })
        child.stdin!.write('cpu\n')
      })
    // A server that dies mid-run fails the questions it can no longer answer.
    const end = (error: Error) => {
      ended ??= error
      for (const question of waiting.splice(0)) question.fail(ended)
    }
    child.stdin!.on('error', end)
    let listening = false
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (listening) return waiting.shift()?.answer(line)
      listening = true
      resolve({ child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, cpu })
    })
    child.on('exit', (code) => {
      const error = new Error(`server ${args.join(' ')} exited with ${code}`)
      reject(error)
      end(error)
    })
  })
}

function stop(running: Running): Promise<void> {
  return new Promise((resolve) => {
    running.child.removeAllListeners('exit')
    running.child.on('exit', () => resolve())
    running.child.kill('SIGTERM')
  })
}

async function load(server: Running, target: Target, seconds: number): Promise<Measure> {
  // autocannon's own percentiles are whole milliseconds; these requests take less.
  const times: number[] = []
  const cpuBefore = await server.cpu()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = { url: server.url + target.path, method: target.method, headers: target.headers, body: target.body, connections, duration: seconds }
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)))
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  })
  const cpuUs = (await server.cpu()) - cpuBefore
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${server.url}${target.path}: ${result.non2xx} answers were not 2xx, ${result.errors} errors`)
  }
  times.sort((a, b) => a - b)
  return {
    reqPerSec: result.requests.average * target.operations,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    cpuUsPerOp: cpuUs / (result.requests.total * target.operations),
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const round1 = (value: number) => Math.round(value * 10) / 10

function percentile(sorted: readonly number[], rank: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * rank))] ?? 0
  return Math.round(value * 100) / 100
}

async function runCase(setup: CaseSetup): Promise<CaseResult> {
  const dtostack = await startServer(['dtostack', setup.name, ...(setup.database ? [setup.database.dtostack] : [])])
  const fastify = await startServer(['fastify', setup.name, ...(setup.database ? [setup.database.fastify] : [])])
  try {
    await load(dtostack, setup.dtostack, settings.warmup)
    await load(fastify, setup.fastify, settings.warmup)
    const ours: Measure[] = []
    const theirs: Measure[] = []
    for (let round = 0; round < settings.rounds; round++) {
      // Alternate who goes first, so that neither always meets the machine in the same state.
      if (round % 2 === 0) {
        ours.push(await load(dtostack, setup.dtostack, settings.seconds))
        theirs.push(await load(fastify, setup.fastify, settings.seconds))
      } else {
        theirs.push(await load(fastify, setup.fastify, settings.seconds))
        ours.push(await load(dtostack, setup.dtostack, settings.seconds))
      }
    }
    const reqPerSec = median(ours.map((m) => m.reqPerSec))
    const baselineReqPerSec = median(theirs.map((m) => m.reqPerSec))
    const cpuUsPerOp = median(ours.map((m) => m.cpuUsPerOp))
    const baselineCpuUsPerOp = median(theirs.map((m) => m.cpuUsPerOp))
    return {
      name: setup.name,
      reqPerSec: Math.round(reqPerSec),
      baselineReqPerSec: Math.round(baselineReqPerSec),
      ratio: Math.round((reqPerSec / baselineReqPerSec) * 100) / 100,
      p50Ms: median(ours.map((m) => m.p50Ms)),
      baselineP50Ms: median(theirs.map((m) => m.p50Ms)),
      p99Ms: median(ours.map((m) => m.p99Ms)),
      baselineP99Ms: median(theirs.map((m) => m.p99Ms)),
      cpuUsPerOp: round1(cpuUsPerOp),
      baselineCpuUsPerOp: round1(baselineCpuUsPerOp),
      cpuRatio: Math.round((baselineCpuUsPerOp / cpuUsPerOp) * 100) / 100,
    }
  } finally {
    await stop(dtostack)
    await stop(fastify)
  }
}

/** The least ratio each case aims for. */
const ratioGoals: Readonly<Record<string, number>> = {
  json: 0.9,
  'json-validated': 0.8,
  xml: 0.6,
  'new-device-token': 0.8,
  'batch-10': 1.5,
}

function goal(result: CaseResult): string {
  const least = ratioGoals[result.name]
  return least === undefined ? '' : `${result.ratio >= least ? 'met' : 'not met'} (≥ ${least.toFixed(2)})`
}

function table(results: readonly CaseResult[], scale: ScaleResult): string {
  const rows = [
    ['case', 'dtostack req/s', 'fastify req/s', 'ratio', 'goal', 'p50 ms', 'p99 ms', 'fastify p50', 'fastify p99', 'CPU µs/op', 'fastify CPU', 'CPU ratio'],
    ...results.map((r) =>
      [
        r.name, r.reqPerSec, r.baselineReqPerSec, r.ratio.toFixed(2), goal(r), r.p50Ms, r.p99Ms, r.baselineP50Ms, r.baselineP99Ms,
        r.cpuUsPerOp, r.baselineCpuUsPerOp, r.cpuRatio.toFixed(2),
      ].map(String),
    ),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  const lines = rows.map((row) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`)
  lines.splice(1, 0, `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`)
  return [
    ...lines,
    '',
    `${scale.operations} operations: start-up ${scale.startupMs} ms, ${scale.rssMb} MB resident;`,
    `/types/typescript ${scale.typesTypescriptMs} ms (cold ${scale.typesTypescriptColdMs}), ` +
      `/types/python ${scale.typesPythonMs} ms (cold ${scale.typesPythonColdMs}), ` +
      `/metadata ${scale.metadataMs} ms (cold ${scale.metadataColdMs}), warm`,
  ].join('\n')
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dtostack-bench-'))
  try {
    const results: CaseResult[] = []
    for (const setup of await cases(dir)) {
      const result = await runCase(setup)
      results.push(result)
      console.error(`${result.name}: ratio ${result.ratio}`)
    }
    const scale = await measureScale({ operations: 1000, quick })
    const file = outFile
    writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, cases: results, scale }, null, 2)}\n`)
    console.log(table(results, scale))
    console.log(`\nwritten to ${file}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
