/**
 * The hostile tables again, over real connections and many at a time: every answer is
 * still a 4xx ResponseStatus in the format asked for, and the server serves afterwards.
 */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'
import { deepNesting, invalidUtf8, malformedBodies, oversizedBodies, poisoning, truncatedBodies, xmlAttacks } from './cases'
import { Barrage, prototypeSnapshot } from './harness'

const parallel = 32

t.test('hostile requests sent 32 at a time over HTTP are each refused, none hangs', async (t) => {
  const before = prototypeSnapshot([kinds.TreeNode.prototype, kinds.EchoKinds.prototype])
  const app = await fixtureApp(t, { modules: [kinds] })
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  const barrage = new Barrage(app, base)
  // URLs past Node's 16 KiB header limit are its 431 before routing (raw-http.test.ts).
  const cases = [...truncatedBodies(), ...malformedBodies(), ...invalidUtf8(), ...deepNesting(), ...oversizedBodies(), ...poisoning(), ...xmlAttacks()]
    .filter((item) => item.request.url.length < 8000)

  let next = 0
  const worker = async () => {
    while (next < cases.length) await barrage.run(t, cases[next++]!)
  }
  await Promise.all(Array.from({ length: parallel }, worker))

  t.comment(`concurrent hostile suite: ${barrage.sent} requests`)
  t.ok(barrage.sent >= 300)
  const res = await fetch(`${base}/kinds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"needed":"y"}' })
  t.equal(res.status, 200)
  t.same(await res.json(), { needed: 'y' })
  t.same(prototypeSnapshot([kinds.TreeNode.prototype, kinds.EchoKinds.prototype]), before)
})
