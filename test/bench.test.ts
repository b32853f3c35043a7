/**
 * `npm run bench -- --quick` as a user runs it: every case and the scale measure produce
 * figures. Only that the harness works is checked here; how fast anything is, never.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..', '..')
const committedResults = join(root, 'bench', 'results.json')

interface Results {
  readonly quick: boolean
  readonly cases: ReadonlyArray<Record<string, unknown>>
  readonly scale: Record<string, unknown>
}

function runQuick(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // tap puts its loaders into every child's environment; `env -i` runs the bench without them.
    const child = spawn('/usr/bin/env', ['-i', `PATH=${process.env.PATH ?? ''}`, process.execPath, join(root, 'dist', 'bench', 'run.js'), '--quick', '--out', out], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0

t.test('the quick bench measures every case and the scale of 1,000 operations', { timeout: 300_000 }, async (t) => {
  const before = statSync(committedResults).mtimeMs
  const out = join(t.testdir(), 'results.json')
  const run = await runQuick(out)
  t.equal(run.code, 0, run.output)
  const results = JSON.parse(readFileSync(out, 'utf8')) as Results
  t.equal(results.quick, true)
  t.same(
    results.cases.map((c) => c.name),
    ['json', 'json-validated', 'xml', 'new-device-token', 'batch-10'],
  )
  for (const result of results.cases) {
    for (const field of ['reqPerSec', 'baselineReqPerSec', 'ratio', 'p50Ms', 'p99Ms', 'baselineP50Ms', 'baselineP99Ms', 'cpuUsPerOp', 'baselineCpuUsPerOp', 'cpuRatio']) {
      t.ok(positive(result[field]), `${String(result.name)}: ${field} is a measured number (${String(result[field])})`)
    }
  }
  t.equal(results.scale.operations, 1000)
  for (const field of ['startupMs', 'rssMb', 'typesTypescriptMs', 'typesPythonMs', 'metadataMs']) {
    t.ok(positive(results.scale[field]), `scale: ${field} is a measured number (${String(results.scale[field])})`)
  }
  t.match(run.output, /\| json +\| \d+/, 'the table is printed')
  t.equal(statSync(committedResults).mtimeMs, before, 'the committed results are left alone')
})
