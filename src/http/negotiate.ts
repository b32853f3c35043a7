/**
 * Chooses the response format once per request: a route's `.ext` suffix, then
 * `?callback=` (JSONP), then `?format=`, then a pre-defined route's format, then `Accept`
 * with q-values honoured, then JSON. `*\/*` and no `Accept` mean JSON; HTML only when
 * the client prefers `text/html`, as browsers do.
 */
import { ApiError } from '../errors/api-error'
import type { Format } from '../formats/format'
import { parseAccept } from './media-type'

/** The formats an application serves, by name and by media type. */
export class FormatTable {
  private readonly byName: ReadonlyMap<string, Format>
  private readonly byMediaType: ReadonlyMap<string, Format>

  constructor(
    readonly formats: readonly Format[],
    readonly fallback: Format,
  ) {
    this.byName = new Map(formats.map((f) => [f.name, f]))
    // Looked up by the lowercased essence of a header: a format's own spelling must not matter.
    this.byMediaType = new Map(formats.flatMap((f) => f.mediaTypes.map((m) => [m.trim().toLowerCase(), f] as const)))
  }

  /** The names usable in `?format=`, suffixes and pre-defined routes. */
  get names(): ReadonlySet<string> {
    return new Set(this.byName.keys())
  }

  named(name: string): Format | undefined {
    return this.byName.get(name.toLowerCase())
  }

  /** The format of an `Accept` item. */
  forAccept(essence: string): Format | undefined {
    return this.byMediaType.get(essence)
  }

  /** The format that reads a body of this content type; `+xml` and `+json` count too. */
  forContentType(essence: string): Format | undefined {
    const exact = this.byMediaType.get(essence)
    if (exact) return exact
    const suffix = /\+(xml|json)$/.exec(essence)?.[1]
    return suffix ? this.byName.get(suffix) : undefined
  }
}

/** What negotiation looks at. */
export interface NegotiationInput {
  /** The format of a `.ext` suffix on the path. */
  readonly suffix?: string
  /** The `?format=` value. */
  readonly formatParam?: string
  /** The format a pre-defined route names (`/xml/reply/...`). */
  readonly routeFormat?: string
  /** Whether `?callback=` asks for JSONP. */
  readonly callback?: boolean
  readonly accept?: string
}

/** Picks the response format, or throws 406 for an unknown `?format=`. */
export function negotiate(table: FormatTable, input: NegotiationInput): Format {
  if (input.suffix) return table.named(input.suffix) ?? table.fallback
  if (input.callback) return table.fallback
  if (input.formatParam) {
    const name = input.formatParam.split('.')[0]!
    const format = table.named(name)
    if (!format) {
      const known = table.formats.map((f) => f.name).join(', ')
      throw new ApiError('NotAcceptable', `Unknown format '${name}': use one of ${known}`)
    }
    return format
  }
  if (input.routeFormat) return table.named(input.routeFormat) ?? table.fallback
  return input.accept ? fromAccept(table, input.accept) : table.fallback
}

function fromAccept(table: FormatTable, accept: string): Format {
  for (const item of parseAccept(accept)) {
    if (item.essence === '*/*' || item.essence === 'application/*') return table.fallback
    const format = table.forAccept(item.essence)
    if (format) return format
  }
  // Nothing the client accepts is served: answer in the default format rather than 406,
  // as ServiceStack does, so a client with an odd Accept still reads the error.
  return table.fallback
}
