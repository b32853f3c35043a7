/**
 * Route paths (`/app/tokens/{token}`, `/files/{path*}`, `/pics/{id}.png`): parsed once at
 * startup, then matched against request paths with ServiceStack's precedence.
 */

/** A piece of a segment that mixes text and variables (`{id}.png`). */
export type TemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string }

/** One `/`-separated segment of a route path. */
export type TemplateSegment =
  | { readonly kind: 'literal'; readonly text: string; readonly lower: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'wildcard'; readonly name: string }
  | { readonly kind: 'compound'; readonly parts: readonly TemplatePart[]; readonly pattern: RegExp }

/** A parsed route path. */
export interface RouteTemplate {
  readonly segments: readonly TemplateSegment[]
  /** Every variable, in order, as written (without `*`, constraints or `?`). */
  readonly variables: readonly string[]
  /** The index of the wildcard segment, or -1. */
  readonly wildcardIndex: number
  /** The index of the first all-literal segment. */
  readonly firstLiteralIndex: number
}

/** Why a route path cannot be used; the registry names the DTO around it. */
export class RouteSyntaxError extends Error {
  override readonly name = 'RouteSyntaxError'
}

const variablePattern = /^\{\s*(\*{0,2})([A-Za-z_][A-Za-z0-9_]*)(\*?)(?::[^{}]*)?\??\s*\}$/
const partPattern = /\{[^{}]*\}/g

/** Parses a route path, or throws a {@link RouteSyntaxError} saying what is wrong. */
export function parseRouteTemplate(path: string): RouteTemplate {
  if (!path.startsWith('/')) throw new RouteSyntaxError('must start with \'/\'')
  if (/[?&#]/.test(path)) throw new RouteSyntaxError('must not contain \'?\', \'&\' or \'#\'')
  const segments = path.split('/').filter((s) => s !== '').map(parseSegment)
  const variables = segments.flatMap(variablesOf)
  const wildcardIndex = segments.findIndex((s) => s.kind === 'wildcard')
  const firstLiteralIndex = segments.findIndex((s) => s.kind === 'literal')
  if (firstLiteralIndex < 0) {
    throw new RouteSyntaxError('needs at least one segment without variables')
  }
  if (segments.filter((s) => s.kind === 'wildcard').length > 1) {
    throw new RouteSyntaxError('may hold only one wildcard variable')
  }
  const afterWildcard = segments[wildcardIndex + 1]
  if (wildcardIndex >= 0 && afterWildcard && afterWildcard.kind !== 'literal') {
    throw new RouteSyntaxError('a wildcard must be last or followed by a literal segment')
  }
  const named = variables.map((v) => v.toLowerCase()).filter((v) => v !== 'ignore')
  const duplicate = named.find((v, i) => named.indexOf(v) !== i)
  if (duplicate) throw new RouteSyntaxError(`names variable '${duplicate}' twice`)
  return { segments, variables, wildcardIndex, firstLiteralIndex }
}

function parseSegment(text: string): TemplateSegment {
  if (!text.includes('{') && !text.includes('}')) {
    return { kind: 'literal', text, lower: text.toLowerCase() }
  }
  const whole = variablePattern.exec(text)
  if (whole) {
    const name = whole[2]!
    return whole[1] || whole[3] ? { kind: 'wildcard', name } : { kind: 'variable', name }
  }
  return parseCompound(text)
}

function parseCompound(text: string): TemplateSegment {
  const parts: TemplatePart[] = []
  let last = 0
  for (const match of text.matchAll(partPattern)) {
    const variable = variablePattern.exec(match[0])
    if (!variable || variable[1] || variable[3]) {
      throw new RouteSyntaxError(`has an invalid variable '${match[0]}'`)
    }
    if (match.index > last) parts.push({ kind: 'literal', text: text.slice(last, match.index) })
    const previous = parts[parts.length - 1]
    if (previous?.kind === 'variable') {
      throw new RouteSyntaxError(`needs text between the variables of '${text}'`)
    }
    parts.push({ kind: 'variable', name: variable[2]! })
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push({ kind: 'literal', text: text.slice(last) })
  if (parts.some((p) => p.kind === 'literal' && /[{}]/.test(p.text))) {
    throw new RouteSyntaxError(`has unbalanced braces in '${text}'`)
  }
  const source = parts
    .map((p) => (p.kind === 'literal' ? escapeRegExp(p.text) : '(.+?)'))
    .join('')
  return { kind: 'compound', parts, pattern: new RegExp(`^${source}$`, 'is') }
}

function variablesOf(segment: TemplateSegment): string[] {
  switch (segment.kind) {
    case 'literal':
      return []
    case 'variable':
    case 'wildcard':
      return [segment.name]
    case 'compound':
      return segment.parts.flatMap((p) => (p.kind === 'variable' ? [p.name] : []))
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The outcome of matching a path against a template. */
export interface TemplateMatch {
  /** Variable values, URL-decoded, by variable name. */
  readonly values: Record<string, string>
  /** ServiceStack's score: fewer wildcard segments and fewer variables rank higher. */
  readonly score: number
}

/**
 * Matches decoded path segments against a template. Literals compare case-insensitively;
 * a wildcard takes the segments the rest of the template leaves (possibly none).
 */
export function matchTemplate(
  template: RouteTemplate,
  segments: readonly string[],
): TemplateMatch | undefined {
  const values: Record<string, string> = Object.create(null)
  const { wildcardIndex } = template
  const fixed = template.segments.length - (wildcardIndex >= 0 ? 1 : 0)
  if (wildcardIndex < 0 ? segments.length !== fixed : segments.length < fixed) return undefined

  const consumed = segments.length - fixed
  for (let i = 0; i < template.segments.length; i++) {
    const segment = template.segments[i]!
    if (segment.kind === 'wildcard') {
      if (consumed > 0) values[segment.name] = segments.slice(i, i + consumed).join('/')
      continue
    }
    const index = wildcardIndex >= 0 && i > wildcardIndex ? i + consumed - 1 : i
    if (!matchSegment(segment, segments[index]!, values)) return undefined
  }
  const variableCount = template.variables.length
  const score = Math.max(100 - consumed, 1) * 1000 + Math.max(10 - variableCount, 1) * 100
  return { values, score }
}

function matchSegment(
  segment: TemplateSegment,
  text: string,
  values: Record<string, string>,
): boolean {
  switch (segment.kind) {
    case 'literal':
      return text.length === segment.lower.length && text.toLowerCase() === segment.lower
    case 'variable':
      values[segment.name] = text
      return true
    case 'wildcard':
      return false
    case 'compound': {
      const match = segment.pattern.exec(text)
      if (!match) return false
      let group = 1
      for (const part of segment.parts) {
        if (part.kind === 'variable') values[part.name] = match[group++]!
      }
      return true
    }
  }
}
