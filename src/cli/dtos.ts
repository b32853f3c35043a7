#!/usr/bin/env node
/**
 * `npm run dtos -- <url> [--lang typescript|python] [--out path] [--include Op.*]`: fetches the
 * typed DTOs of a running server into a file. `npm run dtos -- <file>` refreshes a file
 * written before, from the BaseUrl and options recorded in its header.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const usage = `usage: dtostack-dtos <url> [--lang typescript|python] [--out path] [--include Op.*] [--option Key=Value]
       dtostack-dtos <file>      refreshes a file written before
(in the dtostack repository: npm run dtos -- ...)`

const extensions: Record<string, string> = { typescript: 'ts', python: 'py' }

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      lang: { type: 'string' },
      out: { type: 'string' },
      include: { type: 'string' },
      option: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [target] = positionals
  if (values.help || !target) {
    console.log(usage)
    return target || values.help ? 0 : 2
  }
  if (!/^https?:\/\//.test(target) && existsSync(target)) return refresh(target)
  const lang = values.lang ?? (values.out?.endsWith('.py') ? 'python' : 'typescript')
  if (!extensions[lang]) return fail(`unknown language '${lang}': use typescript or python`)
  const options = new URLSearchParams()
  if (values.include) options.set('IncludeTypes', values.include)
  for (const pair of values.option ?? []) {
    const [key, ...rest] = pair.split('=')
    options.set(key!, rest.join('='))
  }
  const out = values.out ?? `dtos.${extensions[lang]}`
  return download({ url: `${target.replace(/\/+$/, '')}/types/${lang}`, options, out })
}

// The header records BaseUrl and, without their comment marker, the options given.
async function refresh(path: string): Promise<number> {
  const text = await readFile(path, 'utf8')
  const header = /^(?:\/\*|""") Options:\n([\s\S]*?)\n(?:\*\/|""")/.exec(text)?.[1]
  const baseUrl = header && /^BaseUrl: (.+)$/m.exec(header)?.[1]?.trim()
  if (!header || !baseUrl) return fail(`${path} has no header naming its BaseUrl`)
  const options = new URLSearchParams()
  for (const line of header.split('\n')) {
    const option = /^([A-Za-z]+): (.*)$/.exec(line)
    if (option && !['Date', 'Version', 'Tip', 'BaseUrl'].includes(option[1]!)) options.set(option[1]!, option[2]!)
  }
  const lang = text.startsWith('"""') ? 'python' : 'typescript'
  return download({ url: `${baseUrl.replace(/\/+$/, '')}/types/${lang}`, options, out: path })
}

async function download(request: { url: string; options: URLSearchParams; out: string }): Promise<number> {
  const query = request.options.toString()
  const url = query ? `${request.url}?${query}` : request.url
  let res: Response
  try {
    res = await fetch(url, { headers: { accept: 'text/plain' } })
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error)
    return fail(`could not reach ${url}: ${cause}`)
  }
  if (!res.ok) return fail(`${url} answered ${res.status} ${res.statusText}${await reason(res)}`)
  const out = resolve(request.out)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, await res.text())
  console.log(`wrote ${out} from ${url}`)
  return 0
}

// The ResponseStatus message of a refusal, when the server sent one.
async function reason(res: Response): Promise<string> {
  const text = await res.text()
  try {
    const message = (JSON.parse(text) as { responseStatus?: { message?: string } }).responseStatus?.message
    return message ? `: ${message}` : ''
  } catch {
    return ''
  }
}

function fail(message: string): number {
  console.error(message)
  return 1
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
