/**
 * A strict, small XML reader for request bodies: elements, attributes, text, CDATA,
 * comments and processing instructions, checked for well-formedness in one pass. There is
 * no DTD: a DOCTYPE is refused, and only XML's five entities and character references are
 * decoded. Nesting is read without recursion and bounded. Names that would reach an
 * object's prototype (`__proto__`, `constructor`, `prototype`, as a name or a prefix) are
 * refused wherever they stand.
 */

/** An element as written: its qualified name, attributes, child elements and own text. */
export interface XmlElement {
  readonly name: string
  readonly attributes: ReadonlyMap<string, string>
  readonly children: XmlElement[]
  /** Its text and CDATA, entities decoded; not that of its children. */
  text: string
}

/** Why a document was refused, and where. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`)
    this.name = 'XmlSyntaxError'
  }
}

/** How deeply elements may nest in a document unless the caller says otherwise. */
export const maxElementDepth = 256

// XML's Name production, for element and attribute names (prefixes included).
const nameStart =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\uD800-\\uDBFF\\uDC00-\\uDFFF'
const namePattern = new RegExp(`[${nameStart}][${nameStart}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`, 'y')
const spacePattern = /[ \t\r\n]*/y
// Characters no XML document may hold, raw or as a reference.
const forbiddenCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/
const entityPattern = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));|&[^;\s<&]{0,32};?/g
const namedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const prototypeNames = new Set(['__proto__', 'constructor', 'prototype'])

/** Reads a whole document and answers its root element; throws {@link XmlSyntaxError}. */
export function readXml(text: string, options: { maxDepth?: number } = {}): XmlElement {
  return new Reader(text, options.maxDepth ?? maxElementDepth).document()
}

class Reader {
  private at = 0

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): XmlElement {
    const bad = forbiddenCharacter.exec(this.text)
    if (bad) this.fail(`the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed`, bad.index)
    if (!this.text.isWellFormed()) this.fail('the text holds a lone surrogate', 0)
    if (this.text.startsWith('\uFEFF')) this.at = 1
    this.misc()
    if (!this.text.startsWith('<', this.at) || this.at >= this.text.length) this.fail('a root element is expected')
    const root = this.elements()
    this.misc()
    if (this.at < this.text.length) this.fail('only one root element is allowed')
    return root
  }

  // Whitespace, comments and processing instructions, before or after the root.
  private misc(): void {
    for (;;) {
      this.space()
      if (this.text.startsWith('<?', this.at)) this.instruction()
      else if (this.text.startsWith('<!--', this.at)) this.comment()
      else if (this.text.startsWith('<!', this.at)) this.refuseDeclaration()
      else return
    }
  }

  // The root and everything inside it, with a stack of open elements instead of recursion.
  private elements(): XmlElement {
    const open: XmlElement[] = []
    let root: XmlElement | undefined
    do {
      const start = this.text.indexOf('<', this.at)
      if (start < 0) this.fail(`the element '${open.at(-1)?.name}' is not closed`, this.text.length)
      if (start > this.at) this.addText(open, this.text.slice(this.at, start))
      this.at = start
      if (this.text.startsWith('</', start)) {
        if (open.length === 0) this.fail('a root element is expected', start)
        this.at += 2
        const name = this.name()
        this.space()
        this.expect('>')
        const element = open.pop()!
        if (element.name !== name) this.fail(`'</${name}>' closes '<${element.name}>'`, start)
      } else if (this.text.startsWith('<!--', start)) {
        this.comment()
      } else if (this.text.startsWith('<![CDATA[', start)) {
        const end = this.text.indexOf(']]>', start + 9)
        if (end < 0) this.fail('a CDATA section is not closed', start)
        open.at(-1)!.text += normaliseLines(this.text.slice(start + 9, end))
        this.at = end + 3
      } else if (this.text.startsWith('<?', start)) {
        this.instruction()
      } else if (this.text.startsWith('<!', start)) {
        this.refuseDeclaration()
      } else {
        const element = this.startTag()
        if (open.length === 0) root = element
        else open.at(-1)!.children.push(element)
        if (!this.text.startsWith('/>', this.at)) {
          this.expect('>')
          if (open.length >= this.maxDepth) this.fail(`elements nest deeper than ${this.maxDepth} levels`, start)
          open.push(element)
        } else {
          this.at += 2
        }
      }
    } while (open.length > 0)
    return root!
  }

  private startTag(): XmlElement {
    this.at += 1
    const name = this.name()
    const attributes = new Map<string, string>()
    for (;;) {
      const before = this.at
      this.space()
      const next = this.text[this.at]
      if (next === '>' || next === '/' || next === undefined) break
      if (this.at === before) this.fail('attributes must be separated by white space')
      const attribute = this.name()
      this.space()
      this.expect('=')
      this.space()
      const quote = this.text[this.at]
      if (quote !== '"' && quote !== "'") this.fail(`the value of '${attribute}' must be quoted`)
      const end = this.text.indexOf(quote, this.at + 1)
      if (end < 0) this.fail(`the value of '${attribute}' is not closed`)
      const raw = this.text.slice(this.at + 1, end)
      if (raw.includes('<')) this.fail(`the value of '${attribute}' holds '<'`)
      if (attributes.has(attribute)) this.fail(`the attribute '${attribute}' appears twice`)
      attributes.set(attribute, this.decode(normaliseLines(raw), this.at + 1))
      this.at = end + 1
    }
    return { name, attributes, children: [], text: '' }
  }

  private addText(open: XmlElement[], raw: string): void {
    const parent = open.at(-1)
    if (!parent) {
      if (raw.trim() !== '') this.fail('text is not allowed outside the root element')
      return
    }
    if (raw.includes(']]>')) this.fail("text may not hold ']]>'")
    parent.text += this.decode(normaliseLines(raw), this.at)
  }

  private decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw
    return raw.replace(entityPattern, (match, named?: string, decimal?: string, hex?: string) => {
      if (named) return namedEntities[named]!
      const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : NaN
      if (!isXmlChar(code)) this.fail(`the reference '${match}' is not allowed: only &lt; &gt; &amp; &quot; &apos; and characters`, offset)
      return String.fromCodePoint(code)
    })
  }

  private comment(): void {
    const end = this.text.indexOf('-->', this.at + 4)
    if (end < 0) this.fail('a comment is not closed')
    this.at = end + 3
  }

  private instruction(): void {
    const end = this.text.indexOf('?>', this.at + 2)
    if (end < 0) this.fail('a processing instruction is not closed')
    this.at = end + 2
  }

  private refuseDeclaration(): never {
    this.fail('a DOCTYPE or other declaration is not accepted')
  }

  private name(): string {
    namePattern.lastIndex = this.at
    const match = namePattern.exec(this.text)
    if (!match) this.fail('a name is expected')
    const name = match[0]
    if (mayReachPrototype(name) && name.split(':').some((part) => prototypeNames.has(part))) {
      this.fail(`the name '${name}' is not accepted`)
    }
    this.at += name.length
    return name
  }

  private space(): void {
    spacePattern.lastIndex = this.at
    spacePattern.exec(this.text)
    this.at = spacePattern.lastIndex
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.at)) this.fail(`'${token}' is expected`)
    this.at += token.length
  }

  private fail(message: string, at = this.at): never {
    const before = this.text.slice(0, at)
    const line = before.split('\n').length
    throw new XmlSyntaxError(message, line, at - before.lastIndexOf('\n'))
  }
}

const mayReachPrototype = (name: string) => name.includes('proto') || name.includes('constructor')

// XML reads every line break as `\n`.
function normaliseLines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  )
}
