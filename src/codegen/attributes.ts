/**
 * The attribute comments generated DTOs carry (`@Route`, `@Api`, `@ApiMember`,
 * `@DataMember`), written in ServiceStack's C# argument style for both languages.
 */
import type { ClassModel, OperationModel, PropertyModel } from '../registry/model'

/**
 * A C# string literal: quotes and backslashes escaped, control characters and every line
 * break (`\u2028` and `\u2029` end a line in TypeScript) as escapes, so the literal stays
 * on its comment line.
 */
export function quoted(text: string): string {
  return `"${text.replace(/[\\"\u0000-\u001f\u007f\u0085\u2028\u2029]/g, escapeChar)}"`
}

const namedEscapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** A character as a backslash escape: `\n`, `\"`, `\u2028`. */
export function escapeChar(char: string): string {
  return namedEscapes[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** Description text as lines, whatever line breaks it uses, without control characters. */
export function textLines(text: string): string[] {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .split(/\r\n|[\r\n\u0085\u2028\u2029]/)
}

/** `@Route("/path")` or `@Route("/path", "GET")` per route of a request. */
export function routeAttributes(op: OperationModel | undefined): string[] {
  return (op?.routes ?? []).map((r) => (r.verbs ? `@Route(${quoted(r.path)}, ${quoted(r.verbs.join(','))})` : `@Route(${quoted(r.path)})`))
}

/** `@Api(Description="...")` for a described type. */
export function apiAttribute(type: ClassModel): string | undefined {
  return type.description ? `@Api(Description=${quoted(type.description)})` : undefined
}

/** `@DataContract`, named when the contract renames the type. */
export function dataContractAttribute(type: ClassModel): string | undefined {
  if (!type.isDataContract) return undefined
  return type.xml.name !== type.name ? `@DataContract(Name=${quoted(type.xml.name)})` : '@DataContract'
}

/** `@ApiMember(...)` for a member declared with one. */
export function apiMemberAttribute(property: PropertyModel): string | undefined {
  const member = property.apiMember
  if (!member) return undefined
  const args: string[] = []
  if (member.description) args.push(`Description=${quoted(member.description)}`)
  if (member.isRequired) args.push('IsRequired=true')
  if (member.parameterType) args.push(`ParameterType=${quoted(member.parameterType)}`)
  if (member.dataType) args.push(`DataType=${quoted(member.dataType)}`)
  return `@ApiMember(${args.join(', ')})`
}

/** `@DataMember(Order=1)` or `@DataMember(Name="x")` for members that set them. */
export function dataMemberAttribute(property: PropertyModel): string | undefined {
  const args: string[] = []
  if (property.jsonName !== property.key && property.xmlName === property.jsonName) args.push(`Name=${quoted(property.jsonName)}`)
  if (property.order !== undefined) args.push(`Order=${property.order}`)
  if (!property.emitDefaultValue) args.push('EmitDefaultValue=false')
  return args.length > 0 ? `@DataMember(${args.join(', ')})` : undefined
}

/** Text safe inside a block comment, on one line. */
export function commentText(text: string): string {
  return textLines(text).join(' ').replace(/\*\//g, '*\\/')
}
