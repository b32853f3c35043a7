/** The `/* Options: ... *\/` header of generated TypeScript. */
import { generatorVersion, headerLines, type CodegenOptions, type HeaderOption } from '../options'

const names: readonly HeaderOption[] = [
  { name: 'GlobalNamespace', fallback: '' },
  { name: 'MakePropertiesOptional', fallback: 'True' },
  { name: 'AddServiceStackTypes', fallback: 'True' },
  { name: 'AddResponseStatus', fallback: 'False' },
  { name: 'AddImplicitVersion', fallback: '' },
  { name: 'AddDescriptionAsComments', fallback: 'True' },
  { name: 'IncludeTypes', fallback: '' },
  { name: 'ExcludeTypes', fallback: '' },
  { name: 'DefaultImports', fallback: '' },
]

/** The header block, or nothing with `WithoutOptions`. */
export function emitTypeScriptHeader(options: CodegenOptions, date: Date): string {
  if (options.withoutOptions) return ''
  const lines = headerLines(options, { comment: '//', version: generatorVersion, date, names })
  return `/* Options:\n${lines.join('\n')}\n*/\n\n`
}
