/**
 * `npm run generate`: writes the sample API's client DTOs to `generated/`;
 * `npm run generate -- --check` exits 1 naming each file that is out of date (`--dir` names
 * another folder).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generatePython, generateTypeScript, readCodegenOptions, sameApartFromDate } from '../codegen'
import { openDatabase } from '../index'
import { createApp } from './create-app'

const baseUrl = 'http://localhost:5000'
const root = join(__dirname, '..', '..', '..')

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check')
  const dirAt = argv.indexOf('--dir')
  const dir = dirAt >= 0 ? argv[dirAt + 1]! : join(root, 'generated')
  const database = openDatabase(':memory:')
  const app = await createApp({ database })
  const registry = app.dtostack.registry
  const options = readCodegenOptions({}, { baseUrl })
  const files = [
    { path: join(dir, 'dtos.ts'), text: generateTypeScript(registry, options) },
    { path: join(dir, 'dtos.py'), text: generatePython(registry, options) },
  ]
  await app.close()
  database.close()

  let stale = 0
  for (const file of files) {
    const current = await readFile(file.path, 'utf8').catch(() => '')
    if (check) {
      if (!sameApartFromDate(current, file.text)) {
        console.error(`${file.path} is out of date: run npm run generate`)
        stale++
      }
    } else if (!sameApartFromDate(current, file.text)) {
      await writeFile(file.path, file.text)
      console.log(`wrote ${file.path}`)
    } else {
      console.log(`${file.path} is up to date`)
    }
  }
  return stale > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
