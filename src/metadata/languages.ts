/** The languages typed DTOs are generated in, as the pages and `/types` name them. */
import { readCodegenOptions, type CodegenOptions } from '../codegen/options'
import { generatePython } from '../codegen/python'
import { generateTypeScript } from '../codegen/typescript'
import type { Registry } from '../registry/registry'

/** A generator and its names. */
export interface Language {
  /** The name in `/types/{name}` and `&lang=`. */
  readonly name: string
  /** The name shown to people. */
  readonly label: string
  /** Other names accepted in `/types/{alias}` and `&lang=`. */
  readonly aliases: readonly string[]
  generate(registry: Registry, options: CodegenOptions): string
}

export const languages: readonly Language[] = [
  { name: 'typescript', label: 'TypeScript', aliases: ['ts'], generate: generateTypeScript },
  { name: 'python', label: 'Python', aliases: ['py'], generate: generatePython },
]

/** A language by its name, label or alias, in any case. */
export function findLanguage(name: string): Language | undefined {
  const key = name.toLowerCase()
  return languages.find((l) => l.name === key || l.aliases.includes(key))
}

/** An operation's DTOs without the header: what `/types/{lang}?IncludeTypes={Op}.*` holds after it. */
export function operationSource(registry: Registry, language: Language, operation: string): string {
  const options = readCodegenOptions({ IncludeTypes: `${operation}.*`, WithoutOptions: 'true' }, { baseUrl: '' })
  return language.generate(registry, options).replace(/^\n+/, '')
}
