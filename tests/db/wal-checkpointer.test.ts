import { statSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { startWalCheckpointer } from '#db/wal-checkpointer.server.ts'
import { createTempDatabase } from '../support/temp-database.ts'

async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
}

test('a worker moves committed pages into the database file while the connection never checkpoints', async () => {
	const { db, file } = createTempDatabase({ migrate: false })
	const checkpointer = startWalCheckpointer(db, file, { intervalMs: 50 })
	try {
		expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
		db.$client.exec('create table pages (body blob)')
		const sizeBefore = statSync(file).size
		const insert = db.$client.prepare('insert into pages (body) values (?)')
		for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(8_000, i))
		await eventually(() => statSync(file).size > sizeBefore + 1_000_000, 'the rows reach the database file')
	} finally {
		await checkpointer.stop()
	}
	expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
})

test('when the worker cannot run, the connection checkpoints for itself again and says why', async () => {
	const { db, dir } = createTempDatabase({ migrate: false })
	const errors: unknown[] = []
	const checkpointer = startWalCheckpointer(db, path.join(dir, 'missing-folder', 'convene.db'), {
		onError: (error) => errors.push(error),
	})
	try {
		await eventually(() => errors.length > 0, 'the failure is reported')
		expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
	} finally {
		await checkpointer.stop()
	}
})
