/** The Python generator: `/types/python`. */
import type { Registry } from '../../registry/registry'
import type { CodegenOptions } from '../options'
import { selectTypes, type EmittedType, type Selection } from '../select-types'
import { emitPythonDtos, pyString } from './emit-dtos'
import { defaultImports, emitPythonHeader } from './header'
import { selfContainedRuntime } from './runtime'

// What ServiceStack's Python package defines already.
const suppliedByPackage = new Set(['ResponseStatus', 'ResponseError', 'ErrorResponse'])

/**
 * Generates the Python DTOs of a registry: importing ServiceStack's Python package as its
 * own generator does, or (`SelfContained=true`) with the markers and a small client of
 * their own, for machines without that package.
 */
export function generatePython(registry: Registry, options: CodegenOptions, date = new Date()): string {
  const selfContained = isTrue(options.extra.get('selfcontained'))
  const skip = (type: EmittedType) => type.namespace === 'ServiceStack' && suppliedByPackage.has(type.name)
  const selection = selectTypes(registry, options, skip)
  const dataClass = options.extra.get('dataclass')
  const dataClassJson = options.extra.get('dataclassjson')
  const body = emitPythonDtos(selection, options, {
    selfContained,
    dataClass: dataClass ? `@dataclass(${dataClass})` : '@dataclass',
    dataClassJson: `@dataclass_json(${dataClassJson || 'letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE'})`,
  })
  const imports = selfContained ? selfContainedRuntime : `${defaultImports.join('\n')}\n`
  return emitPythonHeader(options, date) + imports + body + (selfContained ? requestMethods(selection) : '')
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && (value === '' || value.toLowerCase() === 'true' || value === '1')
}

// The verb each request is sent with by the self-contained client's send(), for requests
// without a verb marker.
function requestMethods(selection: Selection): string {
  const entries = [...selection.operations.values()]
    .filter((op) => selection.types.includes(op.request))
    .map((op) => `    ${pyString(op.name)}: ${pyString(op.method)},`)
  return `\n\n_request_methods = {\n${entries.join('\n')}\n}\n`
}
