/** Identifier rules the generators share: Python's snake_case, keywords and aliases. */
import { toCamelCase } from '../registry/names'

const pythonKeywords = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
])

// Names the generated module uses for types, and the methods its classes carry
// (dataclasses-json's, the return marker's): a member so named would shadow them.
const pythonTypeNames = new Set([
  'str', 'int', 'float', 'bool', 'bytes', 'list', 'dict', 'object', 'List', 'Dict', 'Optional', 'Decimal',
  'datetime', 'decimal', 'field', 'config', 'Any', 'Generic', 'TypeVar', 'Enum', 'IntEnum', 'dataclass',
  'response_type', 'to_dict', 'from_dict', 'to_json', 'from_json', 'schema', 'dataclass_json_config',
])

/**
 * ServiceStack's Python member name: camelCase first, then `_` before every capital letter
 * (`FirstName` → `first_name`, `UserID` → `user_i_d`, `URLPath` → `url_path`).
 */
export function pythonMemberName(name: string): string {
  const snake = toCamelCase(name).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  const legal = /^[A-Za-z_]/.test(snake) ? snake.replace(/\W/g, '_') : `_${snake.replace(/\W/g, '_')}`
  return pythonKeywords.has(legal) || pythonTypeNames.has(legal) ? `${legal}_` : legal
}

/**
 * ServiceStack's Python enum member name: upper case; names with lower-case letters are
 * snake_cased first (`iOS` → `I_O_S`, `ProgrammingLanguage` → `PROGRAMMING_LANGUAGE`).
 */
export function pythonEnumMemberName(name: string): string {
  const upper = name.includes('_') || !/[a-z]/.test(name) ? name.toUpperCase() : pythonMemberName(name).replace(/_$/, '').toUpperCase()
  const legal = /^[A-Za-z_]/.test(upper) ? upper.replace(/\W/g, '_') : `_${upper.replace(/\W/g, '_')}`
  return pythonKeywords.has(legal) ? `${legal}_` : legal
}

/** The JSON key dataclasses-json derives from a member name with `LetterCase.CAMEL`. */
export function dataclassesJsonCamel(name: string): string {
  const stripped = name.replace(/^[-_.]/, '')
  return stripped.slice(0, 1).toLowerCase() + stripped.slice(1).replace(/[-_.\s]([a-z])/g, (_, c: string) => c.toUpperCase())
}

/** Names made distinct where two would be the same: `_` is added to the later ones. */
export function distinctNames(names: readonly string[]): string[] {
  const taken = new Set<string>()
  return names.map((name) => {
    let unique = name
    while (taken.has(unique)) unique += '_'
    taken.add(unique)
    return unique
  })
}
