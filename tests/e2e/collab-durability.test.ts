import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { connectCollab, eventually, sectionIdByTitle } from './collab-client.ts'
import { signIn } from './http.ts'
import { startServer } from './server.ts'

const SECTION = 'Community engagement and transparency'
const TRIALS = 6
const dataDir = mkdtempSync(path.join(tmpdir(), 'convene-crash-'))

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test(`a server killed with SIGKILL right after a peer saw an update loses nothing (${TRIALS} trials, random timing)`, async () => {
	let server = await startServer({}, { dataDir })
	const sectionId = sectionIdByTitle(dataDir, SECTION)
	const seen: string[] = []
	try {
		for (let trial = 0; trial < TRIALS; trial++) {
			const writer = await signIn(server.origin, 'writer@demo.test')
			const reader = await signIn(server.origin, 'writer2@demo.test')
			const a = connectCollab(server.origin, sectionId, writer)
			const b = connectCollab(server.origin, sectionId, reader)
			await Promise.all([a.synced, b.synced])
			// A burst of edits; the kill comes at a random moment after the peer has seen one of them.
			const burst = 1 + Math.floor(Math.random() * 8)
			for (let i = 0; i < burst; i++) a.append(`trial ${trial} edit ${i}`)
			const marker = `trial ${trial} edit ${Math.floor(Math.random() * burst)}`
			await eventually(() => b.text().includes(marker), `the peer sees "${marker}"`)
			const visible = b.text()
			for (const line of visible.match(/trial \d+ edit \d+/g) ?? []) if (!seen.includes(line)) seen.push(line)
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 20))
			await server.crash()
			a.destroy()
			b.destroy()
			server = await startServer({}, { dataDir, port: Number(new URL(server.origin).port) })
			const check = connectCollab(server.origin, sectionId, await signIn(server.origin, 'writer@demo.test'))
			await check.synced
			const lost = seen.filter((line) => !check.text().includes(line))
			expect(lost, `trial ${trial}: updates a peer had seen`).toEqual([])
			check.destroy()
		}
	} finally {
		await server.stop()
	}
})
