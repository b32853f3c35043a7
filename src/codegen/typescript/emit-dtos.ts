/**
 * Writes TypeScript DTOs as ServiceStack's generator does (the generation the seed's site
 * shows): classes with optional members, `getTypeName`/`getMethod`/`createResponse` on
 * requests, string enums, comments for descriptions and attributes. The file compiles
 * under `tsc --strict`.
 */
import type { ClassModel, EnumModel, OperationModel, PropertyModel, TypeRef } from '../../registry/model'
import { allProperties, refersToHidden } from '../../registry/type-utils'
import { apiAttribute, apiMemberAttribute, commentText, dataContractAttribute, dataMemberAttribute, routeAttributes } from '../attributes'
import type { CodegenOptions } from '../options'
import { responseStatusMember, verbMarker, type Selection } from '../select-types'
import { tsNewValue, tsPropertyName, tsString, tsType } from './type-map'

const indent = '    '

/** The DTO declarations of a selection. */
export function emitTypeScriptDtos(selection: Selection, options: CodegenOptions): string {
  const blocks: string[] = []
  blocks.push(...markerInterfaces(selection, options.addServiceStackTypes))
  for (const type of selection.types) {
    blocks.push(type.kind === 'enum' ? emitEnum(type) : emitClass(type, selection, options))
  }
  return blocks.join('\n') + (blocks.length > 0 ? '' : '\n')
}

// The verb markers are the file's own either way: ServiceStack's client package has none.
function markerInterfaces(selection: Selection, withReturnMarkers: boolean): string[] {
  return [
    ...(withReturnMarkers
      ? ['export interface IReturn<T>\n{\n    createResponse(): T;\n}\n', 'export interface IReturnVoid\n{\n    createResponse(): void;\n}\n']
      : []),
    ...selection.markers.map((m) => `export interface ${m}\n{\n}\n`),
  ]
}

function emitEnum(type: EnumModel): string {
  const members = type.members.map((m) =>
    type.isNumeric ? `${indent}${tsPropertyName(m.name)} = ${m.value},` : `${indent}${tsPropertyName(m.name)} = ${tsString(String(m.value))},`,
  )
  return `${description(type.description, '')}export enum ${type.name}\n{\n${members.join('\n')}\n}\n`
}

function emitClass(type: ClassModel, selection: Selection, options: CodegenOptions): string {
  const op = selection.operations.get(type)
  const head = [
    options.addDescriptionAsComments ? description(type.description, '') : '',
    ...routeAttributes(op).map((a) => `// ${a}\n`),
    ...[apiAttribute(type), dataContractAttribute(type)].filter(Boolean).map((a) => `// ${a}\n`),
  ].join('')
  const name = genericName(type)
  const base = type.base ? ` extends ${tsType(type.base)}` : ''
  const implementsList = op ? interfacesOf(op) : []
  const implementsText = implementsList.length > 0 ? ` implements ${implementsList.join(', ')}` : ''
  const body = [...members(type, selection, options), '', ...methods(type, op)]
  return `${head}export class ${name}${base}${implementsText}\n{\n${body.join('\n')}\n}\n`
}

function genericName(type: ClassModel): string {
  return type.typeParams.length > 0 ? `${type.name}<${type.typeParams.join(', ')}>` : type.name
}

function interfacesOf(op: OperationModel): string[] {
  const list: string[] = []
  if (op.returnMarker === 'IReturn' && op.response) list.push(`IReturn<${tsType(op.response)}>`)
  if (op.returnMarker === 'IReturnVoid') list.push('IReturnVoid')
  if (op.verbMarker) list.push(verbMarker(op.verbMarker))
  return list
}

function members(type: ClassModel, selection: Selection, options: CodegenOptions): string[] {
  const lines: string[] = []
  const properties: PropertyModel[] = type.properties.filter((p) => !refersToHidden(p.type))
  if (selection.addResponseStatus.has(type)) properties.push(responseStatusMember(selection.responseStatus!))
  for (const property of properties) {
    const comments = [
      options.addDescriptionAsComments ? description(property.apiMember?.description ?? property.description, indent) : '',
      ...[dataMemberAttribute(property), apiMemberAttribute(property)].filter(Boolean).map((a) => `${indent}// ${a}\n`),
    ].join('')
    lines.push(`${comments}${indent}public ${tsPropertyName(property.jsonName)}?: ${tsType(property.type)};`)
    if (comments) lines.push('')
  }
  if (lines.at(-1) === '') lines.pop()
  return lines
}

function methods(type: ClassModel, op: OperationModel | undefined): string[] {
  const self = genericName(type)
  const constructor = type.base
    ? `${indent}public constructor(init?: Partial<${self}>) { super(init); (Object as any).assign(this, init); }`
    : `${indent}public constructor(init?: Partial<${self}>) { (Object as any).assign(this, init); }`
  if (!op) return [constructor]
  return [
    constructor,
    `${indent}public getTypeName() { return '${type.name}'; }`,
    `${indent}public getMethod() { return '${op.method}'; }`,
    createResponse(op.response),
  ]
}

function createResponse(response: TypeRef | undefined): string {
  return response ? `${indent}public createResponse() { return ${tsNewValue(response)}; }` : `${indent}public createResponse() {}`
}

// ServiceStack's older generation: a block comment over several lines.
function description(text: string | undefined, pad: string): string {
  return text ? `${pad}/**\n${pad}* ${commentText(text)}\n${pad}*/\n` : ''
}


