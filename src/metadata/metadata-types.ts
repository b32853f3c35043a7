/**
 * `/types/metadata`: the model as one JSON document in the shape of ServiceStack's
 * MetadataTypes (`config`, `namespaces`, `types`, `operations`), with .NET type names, so
 * tools written for ServiceStack can read it.
 */
import { readCodegenOptions } from '../codegen/options'
import { selectTypes } from '../codegen/select-types'
import type { ClassModel, EnumModel, OperationModel, PropertyModel, TypeRef } from '../registry/model'
import type { Registry } from '../registry/registry'
import { refersToHidden } from '../registry/type-utils'

interface TypeName {
  name: string
  namespace?: string
  genericArgs?: string[]
}

interface Attribute {
  name: string
  args?: Array<{ name: string; type: string; value: string }>
}

// .NET's names of the primitives, all in `System`.
const clrNames: Record<string, string> = {
  string: 'String',
  int: 'Int32',
  long: 'Int64',
  double: 'Double',
  decimal: 'Decimal',
  bool: 'Boolean',
  DateTime: 'DateTime',
  TimeSpan: 'TimeSpan',
  Guid: 'Guid',
  'byte[]': 'Byte[]',
}
const valueTypes = new Set(['int', 'long', 'double', 'decimal', 'bool', 'DateTime', 'TimeSpan', 'Guid'])
const serviceStack = 'ServiceStack'

/** The MetadataTypes document of the operations shown (`baseUrl` names the server). */
export function metadataTypes(registry: Registry, baseUrl: string): object {
  const selection = selectTypes(registry, readCodegenOptions({}, { baseUrl }), () => false)
  const operations = selection.types.filter((t) => t.kind === 'class' && selection.operations.has(t)).map((t) => selection.operations.get(t as ClassModel)!)
  const types = selection.types.filter((t) => !(t.kind === 'class' && selection.operations.has(t)) && t.namespace !== serviceStack)
  const namespaces = new Set(['System', 'System.Collections.Generic', serviceStack, ...selection.types.map((t) => t.namespace)])
  return {
    config: {
      baseUrl,
      addReturnMarker: true,
      addDescriptionAsComments: true,
      addServiceStackTypes: true,
      ignoreTypesInNamespaces: [serviceStack],
    },
    namespaces: [...namespaces].sort(),
    types: types.map((t) => (t.kind === 'enum' ? enumType(t) : classType(t))),
    operations: operations.map((op) => operation(op, selection.types)),
  }
}

function operation(op: OperationModel, selected: readonly (ClassModel | EnumModel)[]): object {
  const response = op.response && classOf(op.response)
  const auth = op.auth
  return prune({
    request: classType(op.request, op),
    response: response && selected.includes(response) ? classType(response) : undefined,
    actions: [...op.handlers.keys()],
    method: op.method,
    returnType: op.response && !op.returnsVoid ? typeName(op.response) : undefined,
    returnsVoid: op.returnsVoid || undefined,
    routes: op.routes.map((r) => prune({ path: r.path, verbs: r.verbs?.join(','), summary: r.summary, notes: r.notes })),
    requiresAuth: auth.requiresAuth || undefined,
    requiredRoles: nonEmpty(auth.roles),
    requiresAnyRole: nonEmpty(auth.anyRoles),
    requiredPermissions: nonEmpty(auth.permissions),
    requiresAnyPermission: nonEmpty(auth.anyPermissions),
    tags: nonEmpty(op.tags),
  })
}

function classType(type: ClassModel, op?: OperationModel): object {
  const generic = type.typeParams.length > 0
  return prune({
    name: generic ? `${type.name}\`${type.typeParams.length}` : type.name,
    namespace: type.namespace,
    genericArgs: generic ? [...type.typeParams] : undefined,
    isGenericTypeDef: generic || undefined,
    description: type.description,
    notes: type.notes,
    inherits: type.base && typeName(type.base),
    implements: op && implementsOf(op),
    dataContract: type.isDataContract ? { name: type.xml.name, namespace: type.xml.namespace } : undefined,
    properties: nonEmpty(type.properties.filter((p) => !refersToHidden(p.type)).map(property)),
    attributes: op ? nonEmpty(operationAttributes(op)) : undefined,
  })
}

function enumType(type: EnumModel): object {
  const plain = type.members.every((m, i) => (type.isNumeric ? m.value === i : m.value === m.name))
  return prune({
    name: type.name,
    namespace: type.namespace,
    description: type.description,
    isEnum: true,
    isEnumInt: type.isNumeric || undefined,
    enumNames: type.members.map((m) => m.name),
    enumValues: plain ? undefined : type.members.map((m) => String(m.value)),
  })
}

function property(model: PropertyModel): object {
  const type = typeName(model.type)
  const inner = model.type.kind === 'nullable' ? model.type.inner : model.type
  const member = model.apiMember
  const renamed = model.jsonName !== model.key
  return prune({
    name: model.name,
    type: type.name,
    namespace: type.namespace,
    genericArgs: type.genericArgs,
    isValueType: isValueType(model.type) || undefined,
    isEnum: inner.kind === 'enum' || undefined,
    description: model.description,
    isRequired: model.isRequired || undefined,
    paramType: member?.parameterType,
    displayType: member?.dataType,
    dataMember:
      model.order !== undefined || renamed || !model.emitDefaultValue
        ? prune({ name: renamed ? model.jsonName : undefined, order: model.order, emitDefaultValue: model.emitDefaultValue ? undefined : false })
        : undefined,
    attributes: member ? [apiMemberAttribute(model)] : undefined,
  })
}

/** A type reference as .NET names it: `Nullable\`1` of `Int32`, `List\`1` of `DeviceTokenEntry`. */
function typeName(type: TypeRef): TypeName {
  switch (type.kind) {
    case 'primitive':
      return { name: clrNames[type.name]!, namespace: 'System' }
    case 'enum':
      return { name: type.type.name, namespace: type.type.namespace }
    case 'class':
      return type.args.length === 0
        ? { name: type.type.name, namespace: type.type.namespace }
        : { name: `${type.type.name}\`${type.args.length}`, namespace: type.type.namespace, genericArgs: type.args.map(csharpName) }
    case 'list':
      return { name: 'List`1', namespace: 'System.Collections.Generic', genericArgs: [csharpName(type.item)] }
    case 'map':
      return { name: 'Dictionary`2', namespace: 'System.Collections.Generic', genericArgs: ['String', csharpName(type.value)] }
    case 'nullable':
      return { name: 'Nullable`1', namespace: 'System', genericArgs: [csharpName(type.inner)] }
    case 'param':
      return { name: type.name }
  }
}

// A type argument written C#-style: `List<String>`, `Nullable<Int32>`.
function csharpName(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return clrNames[type.name]!
    case 'enum':
      return type.type.name
    case 'class':
      return type.args.length === 0 ? type.type.name : `${type.type.name}<${type.args.map(csharpName).join(',')}>`
    case 'list':
      return `List<${csharpName(type.item)}>`
    case 'map':
      return `Dictionary<String,${csharpName(type.value)}>`
    case 'nullable':
      return `Nullable<${csharpName(type.inner)}>`
    case 'param':
      return type.name
  }
}

function isValueType(type: TypeRef): boolean {
  if (type.kind === 'nullable') return true
  return (type.kind === 'primitive' && valueTypes.has(type.name)) || (type.kind === 'enum')
}

function implementsOf(op: OperationModel): TypeName[] {
  const names: TypeName[] = []
  if (op.verbMarker) names.push({ name: `I${op.verbMarker[0]}${op.verbMarker.slice(1).toLowerCase()}`, namespace: serviceStack })
  if (op.returnMarker === 'IReturnVoid') names.push({ name: 'IReturnVoid', namespace: serviceStack })
  if (op.returnMarker === 'IReturn' && op.response) names.push({ name: 'IReturn`1', namespace: serviceStack, genericArgs: [csharpName(op.response)] })
  return names
}

function operationAttributes(op: OperationModel): Attribute[] {
  const attributes: Attribute[] = op.routes.map((r) => ({
    name: 'Route',
    args: [text('Path', r.path), ...(r.verbs ? [text('Verbs', r.verbs.join(','))] : [])],
  }))
  if (op.request.description) attributes.push({ name: 'Api', args: [text('Description', op.request.description)] })
  return attributes
}

function apiMemberAttribute(model: PropertyModel): Attribute {
  const member = model.apiMember!
  const args = [
    member.description !== undefined && text('Description', member.description),
    member.isRequired && { name: 'IsRequired', type: 'Boolean', value: 'True' },
    member.parameterType !== undefined && text('ParameterType', member.parameterType),
    member.dataType !== undefined && text('DataType', member.dataType),
  ].filter((a): a is { name: string; type: string; value: string } => Boolean(a))
  return prune({ name: 'ApiMember', args: args.length > 0 ? args : undefined }) as Attribute
}

function text(name: string, value: string) {
  return { name, type: 'String', value }
}

function classOf(type: TypeRef): ClassModel | undefined {
  return type.kind === 'class' ? type.type : undefined
}

function nonEmpty<T>(list: readonly T[]): T[] | undefined {
  return list.length > 0 ? [...list] : undefined
}

// Members without a value are left out, as ServiceStack's JSON leaves out nulls.
function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
