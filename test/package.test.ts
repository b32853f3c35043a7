/** The package as another project sees it: its declarations compile under strict settings. */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..', '..')
const tsc = join(root, 'node_modules', '.bin', 'tsc')

t.test('a consumer compiles against the built declarations without skipLibCheck', async (t) => {
  const dir = t.testdir()
  const index = JSON.stringify(join(root, 'dist', 'src', 'index'))
  writeFileSync(
    join(dir, 'app.ts'),
    `import { createServer, Route, Returns, Prop, t, Handles, ApiError, type IReturn } from ${index}
class HelloResponse { @Prop() result?: string }
@Route('/hello/{name}') @Returns(() => HelloResponse)
export class Hello implements IReturn<HelloResponse> { @Prop() name?: string; createResponse() { return new HelloResponse() } }
export class HelloServices {
  @Handles() get(request: Hello): HelloResponse {
    if (!request.name) throw ApiError.badRequest('name')
    return { result: 'Hello, ' + request.name + '!' }
  }
}
export const app = createServer({ modules: [{ Hello, HelloResponse, HelloServices }], serviceName: 'Hello', metadata: true })
`,
  )
  const args = ['--ignoreConfig', '--noEmit', '--strict', '--experimentalDecorators', '--emitDecoratorMetadata', '--module', 'node16', '--target', 'ES2022', 'app.ts']
  // tap puts its loaders into every child's environment; `env -i` starts the compiler without them.
  const result = spawnSync('/usr/bin/env', ['-i', `PATH=${process.env.PATH ?? ''}`, tsc, ...args], { cwd: dir, encoding: 'utf8' })

  t.equal(result.status, 0, result.stdout + result.stderr)
})
