/** `node dist/bench/scale-server.js <module>`: serves a generated API; prints its port and resident memory. */
import { createServer } from '../src/index'

async function main(): Promise<void> {
  const module = require(process.argv[2]!) as Record<string, unknown>
  const app = await createServer({ modules: [module], namespace: 'Scale', serviceName: 'Scale' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(`${JSON.stringify({ port, rss: process.memoryUsage().rss })}\n`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
