/** A server killed outright (SIGKILL) in the middle of writes loses no write it answered. */
import t from 'tap'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database'
import { seedUsers, users } from '../helpers/build-app'
import { signIn, startServer, stopServer } from '../helpers/processes'

t.test('every write answered 200 before a SIGKILL is there after a restart, and none twice', async (t) => {
  t.setTimeout(90_000)
  const path = join(t.testdir(), 'crash.db')
  const seed = openDatabase(path)
  await seedUsers(seed, [users.alice])
  seed.close()
  const server = await startServer(path)
  const bearer = await signIn(server.baseUrl, users.alice.userName, users.alice.password)
  const answered: string[] = []
  const failures: string[] = []
  let next = 0
  // Eight clients, each writing one token after another until the server is gone.
  const client = async () => {
    for (;;) {
      const token = `crash-${next++}`
      try {
        const res = await fetch(`${server.baseUrl}/app/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ deviceType: 'Android', token }),
        })
        if (res.status === 200) answered.push(token)
        else failures.push(`${res.status} ${await res.text()}`)
      } catch {
        return
      }
    }
  }

  const clients = Array.from({ length: 8 }, client)
  while (answered.length < 300) await new Promise((resolve) => setTimeout(resolve, 5))
  server.child.kill('SIGKILL')
  await Promise.all(clients)
  const sent = next

  t.equal(await server.exited, null, 'killed, not exited')
  t.same(failures, [], 'every write answered before the kill was a 200')
  t.ok(existsSync(`${path}-wal`), 'the write-ahead log was left behind, as after a crash')
  const again = await startServer(path)
  const list = await fetch(`${again.baseUrl}/app/tokens?countPerPage=${sent}`, { headers: { authorization: `Bearer ${bearer}` } })
  const body = (await list.json()) as { items: Array<{ token: string }>; totalCount: number }
  t.equal(await stopServer(again), 0)

  const stored = body.items.map((i) => i.token)
  t.equal(list.status, 200, 'the session signed in before the crash still works')
  t.same(answered.filter((token) => !stored.includes(token)), [], 'no answered write is missing')
  t.equal(new Set(stored).size, stored.length, 'no token is stored twice')
  t.equal(body.totalCount, stored.length)
  t.ok(stored.length <= sent, 'nothing is stored that was not sent')
  t.comment(`${answered.length} writes answered, ${sent} sent, ${stored.length} stored after the restart`)
})
