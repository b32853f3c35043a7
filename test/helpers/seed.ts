/** The seed pages: the metadata pages of `NewDeviceToken` the project started from. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'seed')

/** A seed page's text: `xml-python`, `xml`, `json` or `jsv`. */
export function seedPage(name: 'xml-python' | 'xml' | 'json' | 'jsv'): string {
  return readFileSync(join(dir, `NewDeviceToken.${name}-metadata-page.txt`), 'utf8')
}

/** The Python DTO block of the seed page, as served. */
export function seedPythonBlock(): string {
  const seed = seedPage('xml-python')
  return seed.slice(seed.indexOf('import datetime'), seed.indexOf('Python NewDeviceToken DTOs')).trimEnd()
}
