import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { connectCollab, eventually, sectionIdByTitle, storedText } from './collab-client.ts'
import { signIn } from './http.ts'
import { startServer } from './server.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SECTION = 'Community engagement and transparency'
const scratch = mkdtempSync(path.join(tmpdir(), 'convene-backup-e2e-'))

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Runs a command in its own process, as an operator would, and collects what it printed. */
function run(command: string, args: string[], env: Record<string, string>) {
	return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
		const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } })
		let stdout = ''
		let stderr = ''
		child.stdout.on('data', (chunk) => {
			stdout += chunk
		})
		child.stderr.on('data', (chunk) => {
			stderr += chunk
		})
		child.on('error', reject)
		child.on('close', (status) => resolve({ status, stdout, stderr }))
	})
}

const edits = (text: string): string[] => text.match(/live edit \d+/g) ?? []

test('a backup taken while people type holds every edit committed before it began, and restores into a server', async () => {
	const server = await startServer({ BACKUP_DIR: path.join(scratch, 'scheduled') })
	const restoredDir = path.join(scratch, 'restored')
	let restored: Awaited<ReturnType<typeof startServer>> | undefined
	try {
		expect(server.output()).toContain('scheduled backups are on')
		const sectionId = sectionIdByTitle(server.dataDir, SECTION)
		const writer = connectCollab(server.origin, sectionId, await signIn(server.origin, 'writer@demo.test'))
		const reader = connectCollab(server.origin, sectionId, await signIn(server.origin, 'writer2@demo.test'))
		await Promise.all([writer.synced, reader.synced])
		// A reader holding a snapshot from before the typing keeps checkpoints from moving the edits
		// into convene.db itself: they stay in the WAL, where a plain copy of the file would miss them.
		const pin = new Database(path.join(server.dataDir, 'convene.db'), { readonly: true })
		pin.exec('begin')
		pin.prepare('select count(*) from sections').get()

		// One edit every few milliseconds, from before the backup starts until after it has finished.
		let typed = 0
		let typing = true
		const typist = (async () => {
			while (typing) {
				writer.append(`live edit ${typed++}`)
				await new Promise((resolve) => setTimeout(resolve, 5))
			}
		})()
		await eventually(() => edits(reader.text()).length >= 20, 'the peer sees the first 20 edits')

		// The server broadcasts an update only once it is committed: what the peer has seen is in the database.
		const committedBefore = edits(reader.text())
		const file = path.join(scratch, 'during-typing.db')
		const backup = await run('npx', ['tsx', 'server/backup/cli.ts', 'backup', file], {
			DATA_DIR: server.dataDir,
		})
		const typedDuring = typed - committedBefore.length
		await eventually(
			() => edits(reader.text()).length >= typed - 1,
			'the peer sees edits typed during the backup',
		)
		typing = false
		await typist
		pin.exec('commit')
		pin.close()
		expect(backup.stderr).toBe('')
		expect(backup.status).toBe(0)
		expect(backup.stdout).toMatch(/^Backed up .+ to .+during-typing\.db: .+ integrity check ok\.\n$/)
		expect(typedDuring).toBeGreaterThan(20) // the backup overlapped live typing
		writer.destroy()
		reader.destroy()

		const restore = await run('npm', ['run', '--silent', 'restore', '--', file], { DATA_DIR: restoredDir })
		expect(restore.stderr).toBe('')
		expect(restore.status).toBe(0)
		expect(restore.stdout).toContain(`Restored ${file} into ${path.join(restoredDir, 'convene.db')}`)

		// As the server loads a section (snapshot + log), and then through a server running on it.
		const stored = edits(storedText(restoredDir, sectionId))
		expect(committedBefore.filter((edit) => !stored.includes(edit))).toEqual([])
		restored = await startServer({}, { dataDir: restoredDir })
		const check = connectCollab(restored.origin, sectionId, await signIn(restored.origin, 'writer@demo.test'))
		await check.synced
		const served = edits(check.text())
		check.destroy()
		expect(committedBefore.filter((edit) => !served.includes(edit))).toEqual([])
		expect(served).toEqual(stored)
	} finally {
		await restored?.stop()
		expect(await server.stop()).toBe(0) // the backup timer does not hold up a clean shutdown
	}
})
