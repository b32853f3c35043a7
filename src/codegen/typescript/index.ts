/** The TypeScript generator: `/types/typescript`. */
import type { Registry } from '../../registry/registry'
import type { CodegenOptions } from '../options'
import { selectTypes } from '../select-types'
import { emitTypeScriptDtos } from './emit-dtos'
import { emitTypeScriptHeader } from './header'

/** Generates the TypeScript DTOs of a registry. */
export function generateTypeScript(registry: Registry, options: CodegenOptions, date = new Date()): string {
  const selection = selectTypes(registry, options, () => false)
  const body = emitTypeScriptDtos(selection, options)
  const global = options.extra.get('globalnamespace')
  const wrapped = global ? `export namespace ${global}\n{\n${body}\n}\n` : body
  return emitTypeScriptHeader(options, date) + '\n' + wrapped + '\n'
}
