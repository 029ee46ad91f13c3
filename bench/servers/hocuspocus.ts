import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

/**
 * Hocuspocus 3.4 with its SQLite extension on a file, defaults otherwise (stores the whole
 * document after a 2 s debounce, at most 10 s late).
 */
const port = Number(process.env.PORT)
const database = process.env.HOCUSPOCUS_DB as string
const server = new Server({
	port,
	address: '127.0.0.1',
	quiet: true,
	stopOnSignals: true,
	extensions: [new SQLite({ database })],
})
await server.listen()
process.stdout.write(`listening ${port}\n`)
