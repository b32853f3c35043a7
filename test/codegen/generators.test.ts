/** The TypeScript and Python generators, against the seed page and a contract of every kind. */
import t from 'tap'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generatePython, generateTypeScript, readCodegenOptions } from '../../src/codegen'
import { createRegistry } from '../../src/registry/scan'
import * as dtos from '../../dtos/app'
import * as services from '../../src/app/services'
import * as codegen from '../fixtures/dtos/codegen'
import { seedPythonBlock } from '../helpers/seed'

const root = join(__dirname, '..', '..', '..')
const tsc = join(root, 'node_modules', '.bin', 'tsc')
const python = '/usr/bin/python3'
const sample = () => createRegistry({ modules: [dtos, services], namespace: 'Voice.Api.App' }).registry
const kinds = () => createRegistry({ modules: [codegen], namespace: 'Codegen.Model' }).registry
const options = (query: Record<string, string> = {}) => readCodegenOptions(query, { baseUrl: 'http://localhost:5000' })


t.test("the Python of NewDeviceToken.* is the seed page's block, character for character", async (t) => {
  const text = generatePython(sample(), options({ IncludeTypes: 'NewDeviceToken.*' }))

  t.ok(text.includes(seedPythonBlock()), 'the block appears whole')
  t.ok(text.startsWith('""" Options:\nDate: '))
  t.match(text, /\nIncludeTypes: NewDeviceToken\.\*\n/)
  t.match(text, /\n#ExcludeTypes: \n/)
  t.equal(generatePython(sample(), options({ IncludeTypes: 'NewDeviceToken.*', WithoutOptions: 'true' })).trimEnd(), seedPythonBlock())
})

t.test('the TypeScript of NewDeviceToken.* is in the style of ServiceStack, as the golden file', async (t) => {
  const golden = readFileSync(join(root, 'test', 'fixtures', 'golden', 'typescript', 'new-device-token.ts'), 'utf8')

  const text = generateTypeScript(sample(), options({ IncludeTypes: 'NewDeviceToken.*', WithoutOptions: 'true' }))

  t.equal(text, golden)
  t.match(text, 'export class NewDeviceToken implements IPost\n{')
  t.match(text, "    public getMethod() { return 'POST'; }\n    public createResponse() { return new DeviceTokenInfo(); }")
  t.notMatch(text, /IReturn<DeviceTokenInfo>/, 'no return marker: the seed declares none')
  t.notMatch(text, /@ts-nocheck/)
})

t.test('headers record the options, given ones without their comment marker', async (t) => {
  const ts = generateTypeScript(sample(), options({ IncludeTypes: 'ListDeviceTokens.*', BaseUrl: 'https://api.example' }))
  const py = generatePython(sample(), options({ ExcludeTypes: 'GetDeviceTypes' }))

  t.match(ts, /^\/\* Options:\nDate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\nVersion: 0\.1\nTip: To override a DTO option, remove "\/\/" prefix before updating\nBaseUrl: https:\/\/api\.example\n\n\/\/GlobalNamespace: \n/)
  t.match(ts, '\nIncludeTypes: ListDeviceTokens.*\n//ExcludeTypes: \n')
  t.match(py, '\nTip: To override a DTO option, remove "#" prefix before updating\n')
  t.match(py, '\nExcludeTypes: GetDeviceTypes\n')
  t.notMatch(py, /class GetDeviceTypes\(/)
})

t.test('types are emitted once each, after what they depend on, requests last', async (t) => {
  const text = generateTypeScript(kinds(), options())
  const order = [...text.matchAll(/^export (?:class|enum|interface) (\w+)/gm)].map((m) => m[1]!)

  t.equal(new Set(order).size, order.length, 'each type once')
  t.equal(order.filter((n) => n === 'QueryResult').length, 1, 'the generic base is declared once')
  for (const [before, after] of [['QueryResult', 'WidgetPage'], ['Widget', 'WidgetPage'], ['Status', 'Widget'], ['WidgetPage', 'FindWidgets'], ['Everything', 'EchoEverything']]) {
    t.ok(order.indexOf(before!) < order.indexOf(after!), `${before} before ${after}`)
  }
  t.ok(order.indexOf('Widget') >= 0, 'a type reached only through a list response is emitted')
  t.ok(order.includes('Platform') && order.includes('Frequency'), 'enums used only as members are emitted')
  t.match(text, 'export class WidgetPage extends QueryResult<Widget>')
  t.match(text, 'export class AllWidgets implements IReturn<Widget[]>')
  t.match(text, 'public createResponse() { return new Array<Widget>(); }')
  t.match(text, "public labels?: { [index: string]: string; };")
  t.match(text, 'public grid?: number[][];')
  t.match(text, "    Daily = 1,\n    Weekly = 7,")
  t.match(text, 'export class Ping implements IReturnVoid\n')
  t.match(text, '    public createResponse() {}\n')
  t.match(text, '    public ID?: number;')
})

t.test('the TypeScript of every type kind compiles under tsc --strict', async (t) => {
  const dir = t.testdir()
  writeFileSync(join(dir, 'kinds.ts'), generateTypeScript(kinds(), options()))
  writeFileSync(join(dir, 'sample.ts'), generateTypeScript(sample(), options({ GlobalNamespace: 'Sample' })))

  // tap puts its loaders into every child's environment; `env -i` starts the compiler without them.
  const args = ['--ignoreConfig', '--noEmit', '--strict', '--noUnusedLocals', '--noImplicitReturns', '--target', 'ES2022', 'kinds.ts', 'sample.ts']
  const result = spawnSync('/usr/bin/env', ['-i', `PATH=${process.env.PATH ?? ''}`, tsc, ...args], { cwd: dir, encoding: 'utf8' })

  t.equal(result.status, 0, result.stdout + result.stderr)
})

t.test('the Python of every type kind compiles, and the self-contained module imports and round-trips', async (t) => {
  const dir = t.testdir()
  writeFileSync(join(dir, 'kinds_default.py'), generatePython(kinds(), options()))
  writeFileSync(join(dir, 'kinds_module.py'), generatePython(kinds(), options({ SelfContained: 'true' })))
  const script = `
import json, kinds_module as m
wire = {"text": "0001", "count": 3, "big": 9007199254740991, "ratio": 1.5, "price": 10.25, "flag": True,
        "when": "2024-03-01T10:00:00.123Z", "dates": ["2020-01-01T00:00:00Z"], "duration": "PT1H30M",
        "guid": "0f8fad5b-d9cb-469f-a165-70867728950e", "data": "Ynl0ZXM=", "platform": "iOS", "frequency": 7,
        "tags": ["a"], "labels": {"MyKey": "v"}, "widgetsByName": {"w": {"id": 1, "status": "Archived"}},
        "grid": [[1, 2]], "from": "f", "class": "c", "type": "t", "global": "g", "str": "s", "int": 4, "ID": 5,
        "userID": "u", "urlPath": "p"}
value = m.Everything.from_dict(wire)
back = m._without_nones(m._wire(value.to_dict(encode_json=False)))
assert back == wire, (back, wire)
assert value.platform is m.Platform.I_O_S and m.Platform.PROGRAMMING_LANGUAGE.value == 'ProgrammingLanguage'
assert m.Platform.NONE.value == 'None' and m.Platform.HTTP_2.value == 'HTTP_2'
assert value.from_ == 'f' and value.class_ == 'c' and value.int_ == 4 and value.identifier == 5
missing = m.Everything.from_dict({})
assert missing.text is None and missing.count == 0 and missing.when == __import__('datetime').datetime(1, 1, 1)
page = m.WidgetPage.from_dict({"items": [{"id": 1, "status": "Active"}], "byKey": {"k": {"id": 2}}})
assert isinstance(page.items[0], m.Widget) and isinstance(page.by_key["k"], m.Widget)
order = m.Order.from_dict({"customer": {"orders": [{"related": []}]}, "related": [{}]})
assert isinstance(order.customer.orders[0], m.Order)
assert m.FindWidgets.response_type() is m.WidgetPage
print("ok")
`
  writeFileSync(join(dir, 'check.py'), script)

  const compiled = spawnSync(python, ['-m', 'py_compile', 'kinds_default.py', 'kinds_module.py'], { cwd: dir, encoding: 'utf8' })
  const run = spawnSync(python, ['check.py'], { cwd: dir, encoding: 'utf8' })

  t.equal(compiled.status, 0, compiled.stderr)
  t.equal(run.status, 0, run.stderr)
  t.equal(run.stdout.trim(), 'ok')
})

t.test('Python names: snake_case, keywords and builtins mangled with their JSON name kept', async (t) => {
  const text = generatePython(kinds(), options({ IncludeTypes: 'Everything' }))

  t.match(text, "    from_: Optional[str] = field(metadata=config(field_name='from'), default=None)")
  t.match(text, "    class_: Optional[str] = field(metadata=config(field_name='class'), default=None)")
  t.match(text, '    type: Optional[str] = None')
  t.match(text, "    int_: int = field(metadata=config(field_name='int'), default=0)")
  t.match(text, "    identifier: int = field(metadata=config(field_name='ID'), default=0)")
  t.match(text, '    user_i_d: Optional[str] = None')
  t.match(text, '    url_path: Optional[str] = None')
  t.match(text, '    when: datetime.datetime = datetime.datetime(1, 1, 1)')
  t.match(text, '    maybe_when: Optional[datetime.datetime] = None')
  t.match(text, '    price: Decimal = decimal.Decimal(0)')
  t.match(text, '    labels: Optional[Dict[str, str]] = None')
})

t.test('generic bases and return markers in Python', async (t) => {
  const text = generatePython(kinds(), options())

  t.match(text, "T = TypeVar('T')\n@dataclass_json")
  t.match(text, 'class QueryResult(Generic[T]):')
  t.match(text, 'class WidgetPage(QueryResult[Widget]):')
  t.match(text, 'class FindWidgets(IReturn[WidgetPage], IGet):')
  t.match(text, '    @staticmethod\n    def response_type(): return WidgetPage')
  t.match(text, 'class Ping(IReturnVoid):')
  t.match(text, "    related: Optional[List['Order']] = None")
  t.match(text, '    # @ApiMember(Description="Only widgets in this state", IsRequired=true)')
})

t.test('IncludeTypes: an exact type, an operation and what it uses, a tag', async (t) => {
  const exact = generateTypeScript(kinds(), options({ IncludeTypes: 'Widget' }))
  const deep = generateTypeScript(kinds(), options({ IncludeTypes: 'FindWidgets.*' }))
  const tagged = generateTypeScript(kinds(), options({ IncludeTypes: '{widgets}' }))
  const names = (text: string) => [...text.matchAll(/^export (?:class|enum) (\w+)/gm)].map((m) => m[1]).sort()

  t.same(names(exact), ['Widget'])
  t.same(names(deep), ['FindWidgets', 'QueryResult', 'Status', 'Widget', 'WidgetPage'])
  t.same(names(tagged), names(deep))
})

t.test('the committed generated/ files are what the model produces', async (t) => {
  const result = spawnSync(process.execPath, [join(root, 'dist', 'src', 'app', 'generate.js'), '--check'], { encoding: 'utf8' })

  t.equal(result.status, 0, result.stderr)
})

t.test('the drift check names a stale file', async (t) => {
  const dir = t.testdir()
  mkdirSync(join(dir, 'generated'))
  execFileSync(process.execPath, [join(root, 'dist', 'src', 'app', 'generate.js'), '--dir', join(dir, 'generated')])
  const ts = join(dir, 'generated', 'dtos.ts')
  writeFileSync(ts, readFileSync(ts, 'utf8').replace(/^Date: .*$/m, 'Date: 2000-01-01 00:00:00'))
  const dateOnly = spawnSync(process.execPath, [join(root, 'dist', 'src', 'app', 'generate.js'), '--check', '--dir', join(dir, 'generated')], { encoding: 'utf8' })
  writeFileSync(ts, readFileSync(ts, 'utf8').replace('deviceType', 'kind'))

  const stale = spawnSync(process.execPath, [join(root, 'dist', 'src', 'app', 'generate.js'), '--check', '--dir', join(dir, 'generated')], { encoding: 'utf8' })

  t.equal(dateOnly.status, 0, 'the Date line alone does not count')
  t.equal(stale.status, 1)
  t.match(stale.stderr, /dtos\.ts is out of date/)
  t.notMatch(stale.stderr, /dtos\.py/)
})
