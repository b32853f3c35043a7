/** The sample server and the user command as real processes, on a real database file. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'

const root = join(__dirname, '..', '..', '..')
const main = join(root, 'dist', 'src', 'app', 'main.js')
const userCli = join(root, 'dist', 'src', 'cli', 'user.js')

/** Runs `npm run user -- ...args` on a database file and waits for it. */
export function runUser(databasePath: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [userCli, ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath },
    input,
    encoding: 'utf8',
  })
}

/** A running `npm start`. */
export interface ServerProcess {
  readonly child: ChildProcess
  readonly baseUrl: string
  /** Every line written to standard output so far. */
  readonly lines: string[]
  /** The exit code once it has exited (a promise made at start, so no exit is missed). */
  readonly exited: Promise<number | null>
  /** Resolves with the first line (already written or to come) that matches. */
  waitForLine(pattern: RegExp): Promise<string>
}

/**
 * Starts `main.js` on a database file with `PORT=0`; resolves once it listens (once every
 * worker listens, with `WORKERS` in `env`).
 */
export async function startServer(databasePath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, DATABASE_PATH: databasePath, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = []
  let buffer = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const parts = buffer.split('\n')
    buffer = parts.pop()!
    for (const line of parts) {
      lines.push(line)
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(line)
      }
    }
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const waitForLine = (pattern: RegExp) => {
    const seen = lines.find((l) => pattern.test(l))
    if (seen) return Promise.resolve(seen)
    return new Promise<string>((resolve, reject) => {
      waiters.push({ pattern, resolve })
      void exited.then((code) => reject(new Error(`server exited with ${code} before ${pattern}: ${stderr}`)))
    })
  }
  const workers = Number(env.WORKERS ?? 1)
  const ready = await waitForLine(workers > 1 ? /"\d+ workers listening"/ : /listening on/)
  const listening = workers > 1 ? await waitForLine(/listening on/) : ready
  const baseUrl = /listening on (http:\/\/[^:]+:\d+)/.exec(listening)![1]!
  return { child, baseUrl, lines, exited, waitForLine }
}

/** Sends SIGTERM and answers the exit code. */
export async function stopServer(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM')
  return server.exited
}

/** Signs in through `/auth/credentials` and answers the bearer token. */
export async function signIn(baseUrl: string, userName: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in of ${userName} failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { bearerToken: string }).bearerToken
}
