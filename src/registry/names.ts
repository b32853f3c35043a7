/** Name rules shared by the model: PascalCase members, ServiceStack's camelCase. */

/** `deviceType` → `DeviceType`. */
export function toPascalCase(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1)
}

/**
 * ServiceStack's camelCase: the leading run of capitals is lowered while the next letter
 * is a capital too (`Name` → `name`, `ID` → `id`, `URLPath` → `urlPath`, `UserID` → `userID`).
 */
export function toCamelCase(name: string): string {
  let end = 0
  while (end < name.length && isUpper(name[end]!) && (end === 0 || end + 1 >= name.length || isUpper(name[end + 1]!))) {
    end++
  }
  if (end === 0) return name
  return name.slice(0, end).toLowerCase() + name.slice(end)
}

function isUpper(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase()
}

/** `DeviceType` → `Device Type`: the display name validation messages use. */
export function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
}
