/**
 * Media types read once per request by one RFC 9110 parser: type and subtype compared in
 * lower case, parameters only after `;`, spaces and tabs allowed around them. The same
 * normalised value chooses the body parser and everything after it.
 */

/** A parsed `Content-Type` or `Accept` item. */
export interface MediaType {
  /** `type/subtype`, lower case. */
  readonly essence: string
  /** Parameter names lower case; values unquoted. */
  readonly params: Readonly<Record<string, string>>
}

const token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"
const mediaPattern = new RegExp(`^(${token})/(${token})[ \\t]*((?:;[ \\t]*${token}=(?:${token}|"(?:[^"\\\\]|\\\\.)*")[ \\t]*)*)$`)
const paramPattern = new RegExp(`;[ \\t]*(${token})=(${token}|"(?:[^"\\\\]|\\\\.)*")`, 'g')

// Clients send the same few headers over and over: parsed values are kept, a bounded number.
const maxRemembered = 512

function remembering<T>(parse: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>()
  return (text) => {
    let value = known.get(text)
    if (value === undefined && !known.has(text)) {
      value = parse(text)
      if (known.size >= maxRemembered) known.clear()
      known.set(text, value)
    }
    return value as T
  }
}

/** Parses one media type; `undefined` when it is malformed. */
export const parseMediaType: (text: string) => MediaType | undefined = remembering(readMediaType)

// HTTP's optional white space is spaces and tabs only (RFC 9110 section 5.6.3); `trim()`
// would also take away vertical tabs, form feeds and Unicode spaces.
function trimOws(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '')
}

function readMediaType(text: string): MediaType | undefined {
  const match = mediaPattern.exec(trimOws(text))
  if (!match) return undefined
  const params: Record<string, string> = {}
  for (const param of match[3]!.matchAll(paramPattern)) {
    const value = param[2]!
    params[param[1]!.toLowerCase()] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value
  }
  return Object.freeze({ essence: `${match[1]}/${match[2]}`.toLowerCase(), params: Object.freeze(params) })
}

/** An item of an `Accept` header with its weight. */
export interface AcceptItem extends MediaType {
  readonly q: number
}

/**
 * Parses an `Accept` header into its items, best first (by `q`, then as written).
 * Malformed items are skipped; an item with `q=0` is refused, not preferred.
 */
export const parseAccept: (header: string) => readonly AcceptItem[] = remembering(readAccept)

function readAccept(header: string): readonly AcceptItem[] {
  const items: AcceptItem[] = []
  for (const part of splitList(header)) {
    const media = readMediaType(part)
    if (!media) continue
    const q = parseQuality(media.params.q)
    if (q !== undefined && q > 0) items.push({ ...media, q })
  }
  return Object.freeze(
    items.map((item, index) => ({ item, index }))
      .sort((a, b) => b.item.q - a.item.q || a.index - b.index)
      .map(({ item }) => item),
  )
}

function parseQuality(text: string | undefined): number | undefined {
  if (text === undefined) return 1
  if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text)) return undefined
  return Number(text)
}

function splitList(header: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (const char of header) {
    if (char === '"') quoted = !quoted
    if (char === ',' && !quoted) {
      parts.push(current)
      current = ''
    } else {
      current += char
    }
  }
  parts.push(current)
  return parts.map((p) => p.trim()).filter(Boolean)
}
