/**
 * Reads JSV: `{key:value}`, `[a,b]`, `"quoted ""text"""` and unquoted text, with white
 * space around the structure allowed (metadata pages show indented samples). Every leaf is
 * text (or null, written as nothing); binding converts it by the model. Objects have no
 * prototype.
 */
import { ApiError } from '../../errors/api-error'
import { nestingBound, type ParsedBody } from '../format'

/** Parses a JSV body whose values may nest `maxDepth` deep. */
export function parseJsvBody(text: string, maxDepth: number): ParsedBody {
  if (text.trim() === '') return { value: undefined, textual: true }
  return { value: parseJsv(text, nestingBound(maxDepth)), textual: true }
}

/**
 * Parses JSV text to objects, lists and strings; throws a 400 when it is malformed or
 * nests deeper than `maxDepth`.
 */
export function parseJsv(text: string, maxDepth = nestingBound(0)): unknown {
  const reader = new Reader(text, maxDepth)
  const value = reader.value(0, '')
  reader.skipSpace()
  if (!reader.done) reader.fail('unexpected text after the value')
  return value
}

class Reader {
  private at = 0

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  get done(): boolean {
    return this.at >= this.text.length
  }

  skipSpace(): void {
    while (!this.done && /\s/.test(this.text[this.at]!)) this.at++
  }

  fail(message: string): never {
    throw new ApiError('SerializationException', `The JSV body is malformed: ${message} at character ${this.at}`)
  }

  /** A value; `stops` are the characters that end an unquoted one here. */
  value(depth: number, stops: string): unknown {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`)
    this.skipSpace()
    const char = this.text[this.at]
    if (char === '{') return this.object(depth)
    if (char === '[') return this.list(depth)
    if (char === '"') return this.quoted()
    // Nothing between the separators is a null; an empty string is written `""`.
    const text = this.unquoted(stops)
    return text === '' ? null : text
  }

  private object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null)
    this.at++
    this.skipSpace()
    if (this.text[this.at] === '}') {
      this.at++
      return out
    }
    for (;;) {
      this.skipSpace()
      const key = this.text[this.at] === '"' ? this.quoted() : this.unquoted(':')
      this.skipSpace()
      if (this.text[this.at] !== ':') this.fail("expected ':'")
      this.at++
      out[key] = this.value(depth + 1, ',}')
      this.skipSpace()
      const next = this.text[this.at++]
      if (next === '}') return out
      if (next !== ',') this.fail("expected ',' or '}'")
    }
  }

  private list(depth: number): unknown[] {
    const out: unknown[] = []
    this.at++
    this.skipSpace()
    if (this.text[this.at] === ']') {
      this.at++
      return out
    }
    for (;;) {
      out.push(this.value(depth + 1, ',]'))
      this.skipSpace()
      const next = this.text[this.at++]
      if (next === ']') return out
      if (next !== ',') this.fail("expected ',' or ']'")
    }
  }

  private quoted(): string {
    let out = ''
    this.at++
    for (;;) {
      const end = this.text.indexOf('"', this.at)
      if (end < 0) this.fail('a quoted string does not end')
      out += this.text.slice(this.at, end)
      this.at = end + 1
      if (this.text[this.at] !== '"') return out
      out += '"'
      this.at++
    }
  }

  private unquoted(stops: string): string {
    const start = this.at
    while (!this.done && !stops.includes(this.text[this.at]!)) this.at++
    return this.text.slice(start, this.at).trim()
  }
}
