/**
 * The scale measure: an API of many operations (varied types: enums, nested classes,
 * lists, maps, nullables), emitted once as JavaScript into `bench/.cache/`, started in a
 * child process. Measures start-up to listening, resident memory after start-up, and the
 * time to answer `/types/typescript`, `/types/python` and `/metadata`, cold and warm.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The scale figures, as `results.json` records them. */
export interface ScaleResult {
  readonly operations: number
  readonly startupMs: number
  readonly rssMb: number
  readonly typesTypescriptMs: number
  readonly typesTypescriptColdMs: number
  readonly typesPythonMs: number
  readonly typesPythonColdMs: number
  readonly metadataMs: number
  readonly metadataColdMs: number
}

const cacheDir = join(__dirname, '..', '..', 'bench', '.cache')
const generatorVersion = 1

/** Writes the JavaScript module of an API of `count` operations, unless it is cached. */
export function scaleModule(count: number): string {
  const file = join(cacheDir, `api-${count}-v${generatorVersion}.js`)
  if (existsSync(file)) return file
  mkdirSync(cacheDir, { recursive: true })
  const index = JSON.stringify(join(__dirname, '..', 'src', 'index.js'))
  const lines = [
    `'use strict'`,
    `const { Api, ApiMember, Handles, Prop, Returns, Route, t } = require(${index})`,
    `const prop = (type) => (cls, key) => Prop(type)(cls.prototype, key)`,
    `const named = (name) => ({ [name]: class {} })[name]`,
  ]
  const kinds = Math.ceil(count / 50)
  for (let k = 0; k < kinds; k++) {
    lines.push(`exports.Kind${k} = { Draft: 'Draft', Active: 'Active', Archived: 'Archived', Kind${k}Special: 'Kind${k}Special' }`)
    lines.push(`const Detail${k} = exports.Detail${k} = named('Detail${k}')`)
    lines.push(`prop(t.string)(Detail${k}, 'label'); prop(t.int)(Detail${k}, 'rank'); prop(t.enum(exports.Kind${k}))(Detail${k}, 'kind'); prop(t.list(t.string))(Detail${k}, 'notes')`)
  }
  lines.push(`class ScaleServices {}`, `exports.ScaleServices = ScaleServices`)
  for (let i = 0; i < count; i++) {
    const k = i % kinds
    const name = `Operation${String(i).padStart(4, '0')}`
    lines.push(
      `{`,
      `  const Response = exports.${name}Response = named('${name}Response')`,
      `  prop(t.long)(Response, 'id'); prop(t.list(() => Detail${k}))(Response, 'items'); prop(t.enum(exports.Kind${k}))(Response, 'status'); prop(t.nullable(t.dateTime))(Response, 'updated')`,
      `  const Request = exports.${name} = named('${name}')`,
      `  ApiMember({ description: 'The name of operation ${i}' })(Request.prototype, 'name'); prop(t.string)(Request, 'name')`,
      `  prop(t.int)(Request, 'count'); prop(t.nullable(t.decimal))(Request, 'price'); prop(t.dateTime)(Request, 'when')`,
      `  prop(t.enum(exports.Kind${k}))(Request, 'kind'); prop(t.list(t.string))(Request, 'tags'); prop(() => Detail${k})(Request, 'detail')`,
      `  prop(t.list(() => Detail${k}))(Request, 'details'); prop(t.map(t.string))(Request, 'labels'); prop(t.guid)(Request, 'ref')`,
      `  Route('/scale/${i}/{name}', '${i % 3 === 0 ? 'GET' : 'POST'}')(Request)`,
      `  Api('Operation number ${i} of the scale benchmark')(Request)`,
      `  Returns(() => Response)(Request)`,
      `  ScaleServices.prototype.${i % 3 === 0 ? 'get' : 'post'}${name} = function (request) { return { id: ${i}, items: request.details, status: request.kind } }`,
      `  Handles(() => Request)(ScaleServices.prototype, '${i % 3 === 0 ? 'get' : 'post'}${name}', Object.getOwnPropertyDescriptor(ScaleServices.prototype, '${i % 3 === 0 ? 'get' : 'post'}${name}'))`,
      `}`,
    )
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

/** Starts the scale app in a child process and measures it. */
export async function measureScale(options: { operations: number; quick: boolean }): Promise<ScaleResult> {
  const module = scaleModule(options.operations)
  const started = performance.now()
  const child = spawn(process.execPath, [join(__dirname, 'scale-server.js'), module], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const { port, rss } = await new Promise<{ port: number; rss: number }>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!))
      })
      child.on('exit', (code) => reject(new Error(`the scale server exited with ${code}`)))
    })
    const startupMs = Math.round(performance.now() - started)
    const base = `http://127.0.0.1:${port}`
    const timed = async (path: string) => {
      const begin = performance.now()
      const res = await fetch(base + path)
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`${path} answered ${res.status}`)
      return performance.now() - begin
    }
    const coldAndWarm = async (path: string) => {
      const cold = await timed(path)
      const warm: number[] = []
      for (let i = 0; i < (options.quick ? 3 : 9); i++) warm.push(await timed(path))
      return { cold: Math.round(cold), warm: Math.round(warm.sort((a, b) => a - b)[Math.floor(warm.length / 2)]!) }
    }
    const ts = await coldAndWarm('/types/typescript')
    const py = await coldAndWarm('/types/python')
    const metadata = await coldAndWarm('/metadata')
    return {
      operations: options.operations,
      startupMs,
      rssMb: Math.round(rss / 1024 / 1024),
      typesTypescriptMs: ts.warm,
      typesTypescriptColdMs: ts.cold,
      typesPythonMs: py.warm,
      typesPythonColdMs: py.cold,
      metadataMs: metadata.warm,
      metadataColdMs: metadata.cold,
    }
  } finally {
    child.removeAllListeners('exit')
    child.kill('SIGKILL')
  }
}
