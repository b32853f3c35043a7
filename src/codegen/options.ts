/**
 * The options of the code generators: the ones ServiceStack's "Add ServiceStack Reference"
 * clients know, read from a query string, and the header block that records them.
 */

/** Options shared by every generator. */
export interface CodegenOptions {
  /** The server the DTOs come from, written in the header for refreshing. */
  readonly baseUrl: string
  /** `Op`, `Op.*` (the operation and everything it uses), `{tag}`; empty: everything. */
  readonly includeTypes: readonly string[]
  /** Type names to leave out. */
  readonly excludeTypes: readonly string[]
  /** Write descriptions as comments. @default true */
  readonly addDescriptionAsComments: boolean
  /** Write ServiceStack's types the DTOs use (`IReturn`, `ResponseStatus`). @default true */
  readonly addServiceStackTypes: boolean
  /** Add a `responseStatus` member to responses that lack one. @default false */
  readonly addResponseStatus: boolean
  /** Leave out the header. */
  readonly withoutOptions: boolean
  /** The options the request gave, by their ServiceStack names, for the header. */
  readonly given: ReadonlyMap<string, string>
  /** Language-specific options by their ServiceStack names (`GlobalNamespace`, `DataClass`). */
  readonly extra: ReadonlyMap<string, string>
}

import { ApiError, type FieldError } from '../errors/api-error'

const listNames = ['IncludeTypes', 'ExcludeTypes']
const boolNames = ['AddDescriptionAsComments', 'AddServiceStackTypes', 'AddResponseStatus', 'WithoutOptions']

/** Reads options from a query string object; names match in any case, as ServiceStack's. */
export function readCodegenOptions(
  query: Readonly<Record<string, string | string[] | undefined>>,
  defaults: { baseUrl: string },
): CodegenOptions {
  const given = new Map<string, string>()
  const extra = new Map<string, string>()
  const known = [...listNames, ...boolNames, 'BaseUrl']
  const entries: Array<[string, string]> = []
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw.join(',') : raw ?? ''
    entries.push([key, value])
    const name = known.find((k) => k.toLowerCase() === key.toLowerCase())
    if (name) given.set(name, value)
    else extra.set(key.toLowerCase(), value)
  }
  const baseUrl = given.get('BaseUrl') || defaults.baseUrl
  refuseUnsafe(given.has('BaseUrl') ? entries : [...entries, ['BaseUrl', baseUrl]])
  const flag = (name: string, fallback: boolean) => {
    if (!given.has(name)) return fallback
    const value = given.get(name)!.toLowerCase()
    return value === '' || value === 'true' || value === '1'
  }
  const names = (name: string) => splitNames(given.get(name) ?? '')
  return {
    baseUrl,
    includeTypes: names('IncludeTypes'),
    excludeTypes: names('ExcludeTypes'),
    addDescriptionAsComments: flag('AddDescriptionAsComments', true),
    addServiceStackTypes: flag('AddServiceStackTypes', true),
    addResponseStatus: flag('AddResponseStatus', false),
    withoutOptions: flag('WithoutOptions', false),
    given,
    extra,
  }
}

// A comma-separated list whose `{tag,tag}` items keep their commas.
function splitNames(text: string): string[] {
  return (text.match(/\{[^}]*\}|[^,]+/g) ?? []).map((s) => s.trim()).filter(Boolean)
}

// Every value is written into the generated file: in its header comment, and some into code.
// A value that could end the comment or become code of its own is refused.
const tsReservedWords = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
])
const identifierPath = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/
const pythonLiteral = String.raw`(?:[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?|'[^'\\\n]*'|"[^"\\\n]*")`
const pythonKeywordArgs = new RegExp(String.raw`^\s*\w+\s*=\s*${pythonLiteral}(\s*,\s*\w+\s*=\s*${pythonLiteral})*\s*$`)
const valueRules: ReadonlyArray<{ name: string; pattern: RegExp; expected: string }> = [
  { name: 'globalnamespace', pattern: identifierPath, expected: 'a dotted TypeScript identifier' },
  { name: 'dataclass', pattern: pythonKeywordArgs, expected: 'Python keyword arguments (name=value, ...)' },
  { name: 'dataclassjson', pattern: pythonKeywordArgs, expected: 'Python keyword arguments (name=value, ...)' },
  // A flag given another value would be read as false while the header echoes it.
  ...[...boolNames, 'SelfContained'].map((name) => ({ name: name.toLowerCase(), pattern: /^(true|false|1|0)$/i, expected: 'true or false' })),
]

function refuseUnsafe(entries: ReadonlyArray<readonly [string, string]>): void {
  const errors: FieldError[] = []
  for (const [name, value] of entries) {
    const rule = valueRules.find((r) => r.name === name.toLowerCase())
    let problem: string | undefined
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) problem = 'must not contain control characters'
    else if (value.includes('*/') || value.includes('"""') || value.includes('\\')) problem = 'must not contain */, """ or \\'
    else if (value.length > 1000) problem = 'must be at most 1000 characters'
    else if (rule && value !== '' && !rule.pattern.test(value)) problem = `must be ${rule.expected}`
    else if (rule?.name === 'globalnamespace' && value.split('.').some((part) => tsReservedWords.has(part))) {
      problem = 'must not use a TypeScript reserved word'
    }
    if (problem) errors.push({ errorCode: 'InvalidOption', fieldName: name, message: `${name} ${problem}` })
  }
  if (errors.length > 0) throw ApiError.badRequest(errors[0]!.message, errors)
}

/** A header option line: the given value, or the default after a comment marker. */
export interface HeaderOption {
  readonly name: string
  readonly fallback: string
}

/**
 * The header block ServiceStack's clients parse to refresh a file: `Key: value` lines,
 * options not given written after `comment` (`//` or `#`).
 */
export function headerLines(
  options: CodegenOptions,
  layout: { comment: string; version: string; date: Date; names: readonly HeaderOption[] },
): string[] {
  const lines = [
    `Date: ${formatLocalDate(layout.date)}`,
    `Version: ${layout.version}`,
    `Tip: To override a DTO option, remove "${layout.comment}" prefix before updating`,
    `BaseUrl: ${options.baseUrl}`,
    '',
  ]
  for (const option of layout.names) {
    const given = options.given.get(option.name) ?? options.extra.get(option.name.toLowerCase())
    lines.push(given !== undefined ? `${option.name}: ${given}` : `${layout.comment}${option.name}: ${option.fallback}`)
  }
  return lines
}

function formatLocalDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  )
}

/** The version written in generated headers. */
export const generatorVersion = '0.1'
