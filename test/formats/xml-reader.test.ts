/**
 * The XML reader of request bodies: what it reads, what it refuses and where it says the
 * fault is; and, on random documents, that it never accepts one fast-xml-parser's
 * validator finds ill-formed.
 */
import t from 'tap'
import fc from 'fast-check'
import { XMLValidator } from 'fast-xml-parser'
import { maxElementDepth, readXml, XmlSyntaxError, type XmlElement } from '../../src/formats/xml/reader'

// An element as plain data, for comparisons.
function shape(element: XmlElement): unknown {
  return {
    name: element.name,
    ...(element.attributes.size > 0 && { attributes: Object.fromEntries(element.attributes) }),
    ...(element.text !== '' && { text: element.text }),
    ...(element.children.length > 0 && { children: element.children.map(shape) }),
  }
}

t.test('elements, attributes, text, CDATA, comments and instructions are read', async (t) => {
  const document =
    '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- before -->\n' +
    `<p:Order xmlns:p="urn:o" xmlns:i='urn:i' note="a &amp; b">\n` +
    '  <Line i:nil="true"/><Line>one &lt;two&gt; &#65;&#x42;</Line>' +
    '<Memo><![CDATA[<not markup> & such]]> and text<?pi ignored?><!-- c --></Memo>' +
    '</p:Order  >\n<!-- after --> <?after?>\n'

  t.same(shape(readXml(document)), {
    name: 'p:Order',
    attributes: { 'xmlns:p': 'urn:o', 'xmlns:i': 'urn:i', note: 'a & b' },
    text: '\n  ',
    children: [
      { name: 'Line', attributes: { 'i:nil': 'true' } },
      { name: 'Line', text: 'one <two> AB' },
      { name: 'Memo', text: '<not markup> & such and text' },
    ],
  })
})

t.test('line breaks are read as \\n, in text, CDATA and attributes; &#xD; stays a carriage return', async (t) => {
  const root = readXml('<A b="1\r\n2">x\r\ny\rz<![CDATA[\r\n]]>&#xD;</A>')
  t.equal(root.text, 'x\ny\nz\n\r')
  t.equal(root.attributes.get('b'), '1\n2')
})

t.test('ill-formed documents are refused with what is wrong and where', async (t) => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty', '', /a root element is expected/],
    ['text only', 'hello', /a root element is expected/],
    ['unclosed root', '<A><B/>', /'A' is not closed/],
    ['mismatched', '<A><B></A></B>', /'<\/A>' closes '<B>'/],
    ['closing first', '</A>', /a root element is expected/],
    ['two roots', '<A/><A/>', /only one root element/],
    ['text after the root', '<A/>x', /only one root element/],
    ['text before the root', 'x<A/>', /a root element is expected/],
    ['unquoted attribute', '<A b=1/>', /'b' must be quoted/],
    ['attribute twice', '<A b="1" b="2"/>', /'b' appears twice/],
    ['attributes run together', '<A b="1"c="2"/>', /separated by white space/],
    ['< in an attribute', '<A b="<"/>', /holds '<'/],
    ['unclosed attribute', '<A b="1/>', /not closed/],
    ['bare ampersand', '<A>a & b</A>', /the reference '&' is not allowed/],
    ['unknown entity', '<A>&nbsp;</A>', /'&nbsp;' is not allowed/],
    ['NUL reference', '<A>&#0;</A>', /'&#0;' is not allowed/],
    ['surrogate reference', '<A>&#xD800;</A>', /'&#xD800;' is not allowed/],
    ['raw NUL', '<A>\u0000</A>', /U\+0000 is not allowed/],
    ['raw U+FFFF', '<A>\uffff</A>', /U\+FFFF is not allowed/],
    ['lone surrogate', '<A>\ud800</A>', /lone surrogate/],
    ['DOCTYPE', '<!DOCTYPE A [<!ENTITY e "x">]><A>&e;</A>', /DOCTYPE/],
    ['DOCTYPE after a comment', '<!-- c --><!doctype A><A/>', /DOCTYPE/],
    ['declaration inside', '<A><!ENTITY e "x"></A>', /DOCTYPE/],
    ['unclosed CDATA', '<A><![CDATA[x</A>', /CDATA section is not closed/],
    [']]> in text', '<A>a]]>b</A>', /may not hold/],
    ['unclosed comment', '<A><!-- x</A>', /comment is not closed/],
    ['bad name', '<1A/>', /a name is expected/],
    ['__proto__ element', '<A><__proto__><x>1</x></__proto__></A>', /'__proto__' is not accepted/],
    ['constructor attribute', '<A constructor="1"/>', /'constructor' is not accepted/],
    ['prototype prefix', '<A xmlns:prototype="urn:x"><prototype:B/></A>', /'xmlns:prototype' is not accepted/],
  ]
  for (const [name, document, message] of cases) {
    t.throws(() => readXml(document), message, name)
  }
  const error = t.throws(() => readXml('<A>\n  <B>\n  </C>\n</A>')) as XmlSyntaxError
  t.match(error, { name: 'XmlSyntaxError', line: 3, column: 3 }, 'the line and column of the fault')
})

t.test('nesting is read without recursion and refused past its bound', async (t) => {
  const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n)
  let depth = 0
  for (let element: XmlElement | undefined = readXml(deep(maxElementDepth)); element; element = element.children[0]) depth++
  t.equal(depth, maxElementDepth)
  t.throws(() => readXml(deep(maxElementDepth + 1)), /nest deeper than 256 levels/)
  t.throws(() => readXml(deep(100_000)), /nest deeper/)
  t.throws(() => readXml('<a>'.repeat(100_000)), /nest deeper/)
})

t.test('no document fast-xml-parser finds ill-formed is read (random documents)', async (t) => {
  const names = fc.constantFrom('A', 'b', 'p:C', 'd-e', 'x.y', '_z')
  const pieces = fc.constantFrom(
    '<A>', '</A>', '<b>', '</b>', '<p:C>', '</p:C>', '<A/>', '<b x="1">', '<b x="1" y=\'2\'/>', 'text', ' ', '\n',
    '&amp;', '&lt;', '&#65;', '&', '<', '>', '"', '<!-- c -->', '<![CDATA[ x ]]>', '<?pi x?>', '<A x=1>', '</ b>', '<A x="1" x="2">',
  )
  const documents = fc.oneof(
    fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')),
    fc.tuple(names, fc.array(pieces, { maxLength: 8 })).map(([name, parts]) => `<${name}>${parts.join('')}</${name}>`),
  )
  let accepted = 0
  fc.assert(
    fc.property(documents, (document) => {
      let ours: boolean
      try {
        readXml(document)
        ours = true
      } catch (error) {
        if (!(error instanceof XmlSyntaxError)) throw error
        ours = false
      }
      if (ours) accepted++
      return !ours || XMLValidator.validate(document) === true
    }),
    { numRuns: 3000 },
  )
  t.ok(accepted > 100, `some random documents were well-formed and read (${accepted})`)
})
