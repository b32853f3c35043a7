/** The TypeScript generator: `/types/typescript`. */
import type { Registry } from '../../registry/registry'
import type { CodegenOptions } from '../options'
import { dependenciesOf, selectTypes, type EmittedType, type Selection } from '../select-types'
import { emitTypeScriptDtos } from './emit-dtos'
import { emitTypeScriptHeader } from './header'

/** Generates the TypeScript DTOs of a registry. */
export function generateTypeScript(registry: Registry, options: CodegenOptions, date = new Date()): string {
  // Without ServiceStack's types in the file, those its client package exports come from there.
  const fromClient = (type: EmittedType) =>
    !options.addServiceStackTypes && type.namespace === 'ServiceStack' && clientExports.has(type.name)
  const selection = selectTypes(registry, options, fromClient)
  const imports = options.addServiceStackTypes ? '' : clientImports(selection, fromClient)
  const body = imports + emitTypeScriptDtos(selection, options)
  const global = options.extra.get('globalnamespace')
  const wrapped = global ? `export namespace ${global}\n{\n${body}\n}\n` : body
  return emitTypeScriptHeader(options, date) + '\n' + wrapped + '\n'
}

// What `@servicestack/client` exports among the types generated files use.
const clientExports = new Set(['ResponseStatus', 'ResponseError', 'ErrorResponse'])

function clientImports(selection: Selection, fromClient: (type: EmittedType) => boolean): string {
  const names = new Set<string>()
  for (const type of selection.types) {
    for (const dep of dependenciesOf(type, selection.operations)) if (fromClient(dep)) names.add(dep.name)
    const op = type.kind === 'class' ? selection.operations.get(type) : undefined
    if (op?.returnMarker) names.add(op.returnMarker)
  }
  if (selection.responseStatus && selection.addResponseStatus.size > 0) names.add('ResponseStatus')
  return names.size > 0 ? `import type { ${[...names].sort().join(', ')} } from '@servicestack/client';\n\n` : ''
}
