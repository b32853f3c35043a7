/**
 * Writes Python DTOs as ServiceStack's generator does (the seed page's block): dataclasses
 * with camelCase JSON names, `Optional` members defaulting to `None`, str enums, the
 * verb and return markers, descriptions as docstrings and attribute comments.
 */
import type { ClassModel, EnumModel, OperationModel, PropertyModel, PrimitiveName, TypeRef } from '../../registry/model'
import { allProperties, refersToHidden } from '../../registry/type-utils'
import { apiAttribute, apiMemberAttribute, escapeChar, textLines } from '../attributes'
import { dataclassesJsonCamel, distinctNames, pythonEnumMemberName, pythonMemberName } from '../naming'
import type { CodegenOptions } from '../options'
import { responseStatusMember, verbMarker, type EmittedType, type Selection } from '../select-types'
import { pyType, requiredDefault } from './type-map'

const indent = '    '

/** How the DTOs are written. */
export interface PythonLayout {
  /** Decode dates, durations, bytes and decimals per member (no ServiceStack package). */
  readonly selfContained: boolean
  readonly dataClass: string
  readonly dataClassJson: string
}

/** The DTO declarations of a selection, each after two blank lines. */
export function emitPythonDtos(selection: Selection, options: CodegenOptions, layout: PythonLayout): string {
  const declared = new Set<string>()
  const typeVars = new Set<string>()
  const blocks: string[] = []
  for (const type of selection.types) {
    // A name not declared yet (a cycle, or the class itself) is quoted: Python resolves it later.
    const quote = (name: string) => !declared.has(name)
    blocks.push(
      type.kind === 'enum'
        ? emitEnum(type)
        : emitClass(type, { op: selection.operations.get(type), selection, options, layout, quote, typeVars }),
    )
    declared.add(type.name)
  }
  return blocks.map((b) => `\n\n${b}`).join('')
}

function emitEnum(type: EnumModel): string {
  const head = type.isNumeric ? `class ${type.name}(IntEnum):` : `class ${type.name}(str, Enum):`
  const names = distinctNames(type.members.map((m) => pythonEnumMemberName(m.name)))
  const members = type.members.map((m, i) => `${indent}${names[i]} = ${type.isNumeric ? m.value : pyString(String(m.value))}`)
  return `${head}\n${members.join('\n')}\n`
}

interface ClassContext {
  readonly op?: OperationModel
  readonly selection: Selection
  readonly options: CodegenOptions
  readonly layout: PythonLayout
  /** Whether a type name must be quoted here (declared later: a cycle). */
  readonly quote: (name: string) => boolean
  readonly typeVars: Set<string>
}

function emitClass(type: ClassModel, ctx: ClassContext): string {
  const lines: string[] = []
  for (const param of type.typeParams) {
    if (!ctx.typeVars.has(param)) lines.push(`${param} = TypeVar('${param}')`)
    ctx.typeVars.add(param)
  }
  const api = apiAttribute(type)
  if (api && ctx.options.addDescriptionAsComments) lines.push(`# ${api}`)
  lines.push(ctx.layout.dataClassJson, ctx.layout.dataClass, `class ${type.name}${basesOf(type, ctx)}:`)
  const body: string[] = []
  if (type.description && ctx.options.addDescriptionAsComments) body.push(...docstring(type.description), '')
  const memberLines = members(type, ctx)
  body.push(...memberLines)
  const response = ctx.op?.returnMarker === 'IReturn' && ctx.op.response ? pyType(ctx.op.response, ctx.quote) : undefined
  if (response) body.push('', `${indent}@staticmethod`, `${indent}def response_type(): return ${response}`)
  if (memberLines.length === 0 && !response) body.push(`${indent}pass`)
  while (body.at(-1) === '') body.pop()
  return `${[...lines, ...body].join('\n')}\n`
}

function basesOf(type: ClassModel, ctx: ClassContext): string {
  const bases: string[] = []
  if (type.base) bases.push(pyType(type.base, ctx.quote))
  if (type.typeParams.length > 0) bases.push(`Generic[${type.typeParams.join(', ')}]`)
  const op = ctx.op
  if (op?.returnMarker === 'IReturn' && op.response) bases.push(`IReturn[${pyType(op.response, ctx.quote)}]`)
  if (op?.returnMarker === 'IReturnVoid') bases.push('IReturnVoid')
  if (op?.verbMarker) bases.push(verbMarker(op.verbMarker))
  return bases.length > 0 ? `(${bases.join(', ')})` : ''
}

// The class's own members, and the members of a generic base closed over its arguments:
// dataclasses-json reads a base's `T` as nothing, so the subclass names the real type.
function members(type: ClassModel, ctx: ClassContext): string[] {
  const own = type.properties.map((p) => ({ model: p, type: p.type }))
  const closed = type.base && type.base.args.length > 0 ? allProperties(type.base).filter((p) => containsParam(p.model.type)) : []
  const list = [...closed, ...own].filter((p) => !refersToHidden(p.type))
  if (ctx.selection.addResponseStatus.has(type)) {
    const member = responseStatusMember(ctx.selection.responseStatus!)
    list.push({ model: member, type: member.type })
  }
  const lines: string[] = []
  const names = distinctNames(list.map((p) => pythonMemberName(p.model.name)))
  list.forEach((property, i) => {
    const block = memberBlock(property.model, property.type, { ...ctx, name: names[i]! })
    lines.push(...block.lines)
    if (block.documented && i < list.length - 1) lines.push('', '')
  })
  return lines
}

function containsParam(type: TypeRef): boolean {
  switch (type.kind) {
    case 'param':
      return true
    case 'list':
      return containsParam(type.item)
    case 'map':
      return containsParam(type.value)
    case 'nullable':
      return containsParam(type.inner)
    case 'class':
      return type.args.some(containsParam)
    default:
      return false
  }
}

function memberBlock(property: PropertyModel, type: TypeRef, ctx: ClassContext & { name: string }): { lines: string[]; documented: boolean } {
  const lines: string[] = []
  const attribute = apiMemberAttribute(property)
  if (attribute && ctx.options.addDescriptionAsComments) lines.push(`${indent}# ${attribute}`)
  lines.push(`${indent}${memberLine(property, type, ctx)}`)
  const text = property.apiMember?.description ?? property.description
  if (text && ctx.options.addDescriptionAsComments) lines.push(...docstring(text))
  return { lines, documented: lines.length > 1 }
}

function memberLine(property: PropertyModel, type: TypeRef, ctx: ClassContext & { name: string }): string {
  const name = ctx.name
  const hint = pyType(type, ctx.quote)
  const known = type.kind === 'nullable' ? undefined : requiredDefault(type)
  const settings: string[] = []
  if (dataclassesJsonCamel(name) !== property.jsonName) settings.push(`field_name=${pyString(property.jsonName)}`)
  const decoder = ctx.layout.selfContained ? decoderOf(type) : undefined
  if (decoder) settings.push(`decoder=${decoder}`)
  const annotation = known ? hint : `Optional[${hint}]`
  const fallback = known ?? 'None'
  if (settings.length === 0) return `${name}: ${annotation} = ${fallback}`
  return `${name}: ${annotation} = field(metadata=config(${settings.join(', ')}), default=${fallback})`
}

const decoders: Partial<Record<PrimitiveName, string>> = {
  DateTime: '_datetimes',
  TimeSpan: '_durations',
  'byte[]': '_bytes',
  decimal: '_decimals',
}

// The decoder of a member whose JSON form is not its Python value (dates, durations...).
function decoderOf(type: TypeRef): string | undefined {
  switch (type.kind) {
    case 'primitive':
      return decoders[type.name]
    case 'list':
      return decoderOf(type.item)
    case 'map':
      return decoderOf(type.value)
    case 'nullable':
      return decoderOf(type.inner)
    default:
      return undefined
  }
}

function docstring(text: string): string[] {
  const lines = textLines(text).map((line) => line.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"'))
  return [`${indent}"""`, ...lines.map((l) => `${indent}${l}`), `${indent}"""`]
}

/** A Python string literal in single quotes, every special character escaped. */
export function pyString(text: string): string {
  return `'${text.replace(/[\\'\u0000-\u001f\u007f]/g, escapeChar)}'`
}

export type { EmittedType }
