/**
 * Finds the operation of a request: pre-defined routes (`/api/{Op}`, `/{format}/reply/{Op}`)
 * first, then the DTOs' own routes with ServiceStack's precedence. A path that some route
 * matches with another verb is a 405 listing the verbs that would work.
 */
import { ApiError } from '../errors/api-error'
import type { OperationModel, RouteModel } from '../registry/model'
import { matchTemplate } from '../registry/route-template'

/** What a request path and verb resolve to. */
export type RouteMatch =
  | {
      readonly kind: 'operation'
      readonly op: OperationModel
      /** The DTO's route and its variable values; absent on pre-defined routes. */
      readonly route?: { readonly model: RouteModel; readonly values: Readonly<Record<string, string>> }
      /** The response format a pre-defined route or a path suffix names. */
      readonly format?: string
      /** The format a pre-defined route reads its body in, whatever the content type says. */
      readonly bodyFormat?: string
      /** Whether the format came from a `.ext` suffix (it then beats `?format=`). */
      readonly suffix: boolean
      readonly predefined: boolean
      readonly oneway: boolean
      /** `/api/{Op}[]`: an array of requests. */
      readonly batch: boolean
    }
  | ({ readonly kind: 'method-not-allowed'; readonly allow: readonly string[] } & NamedFormat)
  | ({ readonly kind: 'not-found'; readonly message: string } & NamedFormat)

/**
 * The format a path names even when it reaches no operation (`/xml/reply/Nope`,
 * `/nope.csv`), so that its error is answered in that format.
 */
export interface NamedFormat {
  readonly format?: string
  readonly suffix?: boolean
}

const allVerbs = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

interface Candidate {
  readonly op: OperationModel
  readonly route: RouteModel
  /** Verbs this route answers for its operation (routes' verbs that have a handler). */
  readonly verbs: ReadonlySet<string>
  readonly wildcard: boolean
  readonly order: number
}

/** The routes of a registry, indexed for matching. */
export class RouteTable {
  // Non-wildcard routes by `segmentCount:index:literal` of their first literal segment;
  // wildcard routes by `index:literal`. A lookup is one map probe per path segment.
  private readonly fixed = new Map<string, Candidate[]>()
  private readonly wildcards = new Map<string, Candidate[]>()
  private readonly byName = new Map<string, OperationModel>()

  constructor(
    operations: readonly OperationModel[],
    private readonly formatNames: ReadonlySet<string>,
  ) {
    let order = 0
    for (const op of operations) {
      this.byName.set(op.name.toLowerCase(), op)
      for (const route of op.routes) this.add({ op, route, verbs: verbsOf(op, route), wildcard: false, order: order++ })
    }
  }

  private add(candidate: Candidate): void {
    const template = candidate.route.template
    const first = template.segments[template.firstLiteralIndex]
    const literal = first?.kind === 'literal' ? first.lower : ''
    const wildcard = template.wildcardIndex >= 0
    const key = wildcard
      ? `${template.firstLiteralIndex < template.wildcardIndex ? template.firstLiteralIndex : '*'}:${literal}`
      : `${template.segments.length}:${template.firstLiteralIndex}:${literal}`
    const map = wildcard ? this.wildcards : this.fixed
    const list = map.get(key) ?? []
    list.push({ ...candidate, wildcard })
    map.set(key, list)
  }

  /**
   * Resolves a request by its verb and its URL path (still percent-encoded). A `.json`-style
   * suffix names a format only when its dot is literal: a path variable that ends in
   * `.json` is sent with the dot encoded as `%2E`.
   */
  match(verb: string, path: string): RouteMatch {
    // Paths repeat: the matches of short ones are kept, a bounded number of them.
    if (path.length > 256) return this.resolve(verb, path)
    const key = `${verb} ${path}`
    let found = this.recent.get(key)
    if (!found) {
      found = this.resolve(verb, path)
      if (this.recent.size >= 2048) this.recent.clear()
      this.recent.set(key, found)
    }
    return found
  }

  private readonly recent = new Map<string, RouteMatch>()

  private resolve(verb: string, path: string): RouteMatch {
    const raw = path.split('/').filter((s) => s !== '')
    const segments = raw.map(decodeSegment)
    assertNoDotSegments(segments)
    const predefined = this.matchPredefined(verb, raw, segments)
    if (predefined && predefined.kind !== 'not-found') return predefined
    // `/api/items` names no operation: a DTO's own route may still claim it.
    const own = this.matchOwnRoutes(verb, raw, segments)
    return own.kind === 'not-found' && predefined ? predefined : own
  }

  private matchOwnRoutes(verb: string, raw: readonly string[], segments: readonly string[]): RouteMatch {
    const last = raw[raw.length - 1] ?? ''
    const dot = last.lastIndexOf('.')
    const suffix = dot > 0 ? last.slice(dot + 1).toLowerCase() : ''
    if (suffix && this.formatNames.has(suffix)) {
      const stripped = [...segments.slice(0, -1), decodeSegment(last.slice(0, dot))]
      const found = this.matchRoutes(verb, stripped, suffix)
      if (found.kind !== 'not-found') return found
      const whole = this.matchRoutes(verb, segments, undefined)
      return whole.kind === 'not-found' ? { ...found, format: suffix, suffix: true } : whole
    }
    return this.matchRoutes(verb, segments, undefined)
  }

  private matchRoutes(verb: string, segments: readonly string[], suffix: string | undefined): RouteMatch {
    const effective = verb === 'HEAD' ? 'GET' : verb
    let best: { candidate: Candidate; values: Record<string, string>; rank: number[] } | undefined
    const allow = new Set<string>()
    for (const candidate of this.candidates(segments)) {
      const match = matchTemplate(candidate.route.template, segments)
      if (!match) continue
      for (const v of candidate.verbs) allow.add(v)
      if (verb !== 'OPTIONS' && !candidate.verbs.has(effective)) continue
      const single = candidate.route.verbs?.length === 1 ? 10 : 1
      const rank = [
        candidate.wildcard ? 1 : 0,
        candidate.route.template.firstLiteralIndex,
        -(match.score + single),
        candidate.order,
      ]
      if (!best || compareRanks(rank, best.rank) < 0) best = { candidate, values: match.values, rank }
    }
    if (best && verb !== 'OPTIONS') {
      return {
        kind: 'operation',
        op: best.candidate.op,
        route: { model: best.candidate.route, values: best.values },
        format: suffix,
        suffix: suffix !== undefined,
        predefined: false,
        oneway: false,
        batch: false,
      }
    }
    if (allow.size > 0) return { kind: 'method-not-allowed', allow: allowList(allow) }
    return { kind: 'not-found', message: 'No route matches this path' }
  }

  private candidates(segments: readonly string[]): Candidate[] {
    const found: Candidate[] = []
    for (let i = 0; i < segments.length; i++) {
      const lower = segments[i]!.toLowerCase()
      found.push(...(this.fixed.get(`${segments.length}:${i}:${lower}`) ?? []))
      found.push(...(this.wildcards.get(`${i}:${lower}`) ?? []), ...(this.wildcards.get(`*:${lower}`) ?? []))
    }
    return found
  }

  private matchPredefined(verb: string, raw: readonly string[], segments: readonly string[]): RouteMatch | undefined {
    const [first, second, third] = segments
    if (segments.length === 2 && first!.toLowerCase() === 'api') {
      return this.predefined(verb, raw[1]!, { format: 'json', oneway: false, fromSuffix: true })
    }
    const kind = second?.toLowerCase()
    if (segments.length === 3 && this.formatNames.has(first!.toLowerCase()) && (kind === 'reply' || kind === 'oneway')) {
      return this.predefined(verb, third!, { format: first!.toLowerCase(), oneway: kind === 'oneway', fromSuffix: false })
    }
    return undefined
  }

  private predefined(
    verb: string,
    rawName: string,
    shape: { format: string; oneway: boolean; fromSuffix: boolean },
  ): RouteMatch {
    let name = decodeSegment(rawName)
    let format = shape.format
    let suffix = false
    const dot = rawName.lastIndexOf('.')
    if (shape.fromSuffix && dot > 0 && this.formatNames.has(rawName.slice(dot + 1).toLowerCase())) {
      format = rawName.slice(dot + 1).toLowerCase()
      name = decodeSegment(rawName.slice(0, dot))
      suffix = true
    }
    const batch = name.endsWith('[]')
    if (batch) name = name.slice(0, -2)
    const op = this.byName.get(name.toLowerCase())
    if (!op) return { kind: 'not-found', message: `Unknown operation '${name}'`, format, suffix }
    const verbs = handlerVerbs(op)
    const effective = verb === 'HEAD' ? 'GET' : verb
    if (verb === 'OPTIONS' || !verbs.has(effective)) {
      return { kind: 'method-not-allowed', allow: allowList(verbs), format, suffix }
    }
    // `/api/{Op}.xml` answers XML but still reads JSON, as ServiceStack's clients send it.
    return { kind: 'operation', op, format, bodyFormat: shape.format, suffix, predefined: true, oneway: shape.oneway, batch }
  }
}

// `.` and `..` name no resource of their own: a client resolves them before it sends a
// path (RFC 3986 section 5.2.4), so one that arrives, plain or encoded, or hidden in a
// variable behind an encoded slash or backslash, is a request to walk out of a path.
function assertNoDotSegments(segments: readonly string[]): void {
  for (const segment of segments) {
    if (!segment.includes('.')) continue
    if (segment.split(/[/\\]/).some((part) => part === '.' || part === '..')) {
      throw ApiError.badRequest("The path holds a '.' or '..' segment")
    }
  }
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch (cause) {
    throw new ApiError('BadRequest', 'The path holds an invalid percent-encoding', { cause })
  }
}

function handlerVerbs(op: OperationModel): Set<string> {
  return op.handlers.has('ANY') ? new Set(allVerbs) : new Set(op.handlers.keys())
}

function verbsOf(op: OperationModel, route: RouteModel): Set<string> {
  const handled = handlerVerbs(op)
  const declared = route.verbs ?? allVerbs
  return new Set(declared.filter((v) => handled.has(v)))
}

function allowList(verbs: ReadonlySet<string>): string[] {
  const list = allVerbs.filter((v) => verbs.has(v))
  if (verbs.has('GET')) list.splice(1, 0, 'HEAD')
  return list
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!
  }
  return 0
}
