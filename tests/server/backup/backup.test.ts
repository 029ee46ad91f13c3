import { spawnSync } from 'node:child_process'
import {
	closeSync,
	copyFileSync,
	existsSync,
	mkdtempSync,
	openSync,
	readdirSync,
	rmSync,
	writeFileSync,
	writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { closeDatabase, type Db, openDatabase } from '#db/client.server.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { removeOldBackups } from '#server/backup/rotation.server.ts'
import { runBackupCommand } from '#server/backup/run.server.ts'
import { takeScheduledBackup } from '#server/backup/schedule.server.ts'
import { loadConfig } from '#server/config.server.ts'
import { createTaskForce, createUser } from '../../factories/users.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const ROOT = path.resolve(import.meta.dirname, '../../..')

const folders: string[] = []
afterEach(() => {
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function emptyFolder() {
	const dir = mkdtempSync(path.join(tmpdir(), 'convene-backup-'))
	folders.push(dir)
	return dir
}

/** Runs the real `server/backup/cli.ts` in its own Node process, as `npm run backup` / `restore` do. */
function cli(args: string[], env: Record<string, string>) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/backup/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		encoding: 'utf8',
		timeout: 30_000,
	})
	return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** `runBackupCommand` in this process, with captured output. */
async function command(args: string[], env: Record<string, string>, now?: Date) {
	let stdout = ''
	let stderr = ''
	const status = await runBackupCommand(args, {
		env,
		stdout: { write: (text: string) => (stdout += text) },
		stderr: { write: (text: string) => (stderr += text) },
		now: now && (() => now),
	})
	return { status, stdout, stderr }
}

/** A migrated database with a task force and `people` accounts, still open (its WAL not checkpointed). */
function databaseWithRows(people = 3) {
	const temp = createTempDatabase()
	createTaskForce(temp.db, { name: 'Generative AI in Local Government' })
	for (let i = 0; i < people; i++) createUser(temp.db, { email: `person${i}@city.gov` })
	return temp
}

function rowsOf(file: string) {
	const sqlite = new Database(file, { readonly: true, fileMustExist: true })
	try {
		return {
			taskForces: sqlite.prepare('select name from task_forces order by name').pluck().all() as string[],
			emails: sqlite.prepare('select email from users order by email').pluck().all() as string[],
			journalMode: sqlite.pragma('journal_mode', { simple: true }),
		}
	} finally {
		sqlite.close()
	}
}

function emails(db: Db) {
	return db.$client.prepare('select email from users order by email').pluck().all()
}

describe('npm run backup', () => {
	test('a real process copies an open database into the named file: the same rows, one self-contained file', () => {
		const { db, dir } = databaseWithRows()
		const target = path.join(emptyFolder(), 'copy.db')
		const run = cli(['backup', target], { DATA_DIR: dir })
		expect(run.stderr).toBe('')
		expect(run.status).toBe(0)
		expect(run.stdout).toMatch(
			/^Backed up .+ to .+: [\d.]+ MB \([\d,]+ bytes\) in [\d.]+ s; integrity check ok\.\n$/,
		)
		expect(run.stdout).toContain(`Backed up ${path.join(dir, 'convene.db')} to ${target}: `)
		expect(rowsOf(target)).toEqual({
			taskForces: ['Generative AI in Local Government'],
			emails: emails(db),
			journalMode: 'delete',
		})
		expect(readdirSync(path.dirname(target))).toEqual(['copy.db'])
	})

	test('without a file it writes convene-<UTC time>.db into BACKUP_DIR, or else DATA_DIR/backups', async () => {
		const { dir } = databaseWithRows()
		const now = new Date('2026-12-06T17:30:00.123Z')
		expect((await command(['backup'], { DATA_DIR: dir }, now)).status).toBe(0)
		expect(readdirSync(path.join(dir, 'backups'))).toEqual(['convene-20261206T173000Z.db'])
		const backupDir = path.join(emptyFolder(), 'nightly')
		const run = await command(['backup'], { DATA_DIR: dir, BACKUP_DIR: backupDir }, now)
		expect(run.stdout).toContain(path.join(backupDir, 'convene-20261206T173000Z.db'))
		expect(readdirSync(backupDir)).toEqual(['convene-20261206T173000Z.db'])
	})

	test('it never overwrites a file, and says where the database it looked for is', async () => {
		const { dir } = databaseWithRows()
		const target = path.join(emptyFolder(), 'taken.db')
		writeFileSync(target, 'an older file')
		expect(await command(['backup', target], { DATA_DIR: dir })).toEqual({
			status: 1,
			stdout: '',
			stderr: `${target} already exists; name a new file or move that one away.\n`,
		})
		const nowhere = emptyFolder()
		expect(await command(['backup'], { DATA_DIR: nowhere })).toMatchObject({
			status: 1,
			stderr: `There is no database at ${path.join(nowhere, 'convene.db')}. Set DATA_DIR to the folder that holds convene.db.\n`,
		})
		expect(await command(['backup', 'a.db', 'b.db'], { DATA_DIR: dir })).toMatchObject({ status: 2 })
	})
})

describe('scheduled backups', () => {
	test('a backup in steps on the live connection holds every row committed before it finished', async () => {
		const { db } = databaseWithRows(2000) // well over the 100 pages copied per step
		const dir = path.join(emptyFolder(), 'backups')
		let written = 0
		let done = false
		const writing = (async () => {
			while (!done) {
				createUser(db, { email: `during${String(written).padStart(5, '0')}@city.gov` })
				written++
				await new Promise((resolve) => setImmediate(resolve))
			}
		})()
		const copy = await takeScheduledBackup(db, dir, 7, { now: new Date('2026-12-06T17:30:00Z') })
		done = true
		await writing
		const inCopy = rowsOf(copy.file).emails.filter((email) => email.startsWith('during'))
		expect(written).toBeGreaterThan(1) // writes did interleave with the steps
		expect(inCopy.length).toBeGreaterThanOrEqual(written - 1) // the last may come after it finished
		expect(copy.removed).toEqual([])
	})

	test('rotation keeps the newest N backups and touches no other file', async () => {
		const { db } = databaseWithRows()
		const dir = emptyFolder()
		writeFileSync(path.join(dir, 'notes.txt'), 'keep me')
		writeFileSync(path.join(dir, 'convene-manual.db'), 'keep me too')
		const removed: string[][] = []
		for (const day of ['01', '02', '03', '04']) {
			const copy = await takeScheduledBackup(db, dir, 2, { now: new Date(`2026-12-${day}T03:00:00Z`) })
			removed.push(copy.removed)
		}
		expect(removed).toEqual([[], [], ['convene-20261201T030000Z.db'], ['convene-20261202T030000Z.db']])
		expect(readdirSync(dir).sort()).toEqual([
			'convene-20261203T030000Z.db',
			'convene-20261204T030000Z.db',
			'convene-manual.db',
			'notes.txt',
		])
		expect(removeOldBackups(dir, 1)).toEqual(['convene-20261203T030000Z.db'])
	})

	test('a backup stopped midway (the server shutting down) leaves no file behind', async () => {
		const { db } = databaseWithRows(2000)
		const dir = emptyFolder()
		await expect(takeScheduledBackup(db, dir, 7, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i)
		expect(readdirSync(dir)).toEqual([])
	})

	test('BACKUP_DIR turns the schedule on; interval and count have defaults and bounds', () => {
		expect(loadConfig({}, '/srv')).toMatchObject({
			backupDir: undefined,
			backupIntervalMinutes: 1440,
			backupKeep: 7,
		})
		expect(
			loadConfig({ BACKUP_DIR: 'backups', BACKUP_INTERVAL_MINUTES: '60', BACKUP_KEEP: '30' }, '/srv'),
		).toMatchObject({ backupDir: '/srv/backups', backupIntervalMinutes: 60, backupKeep: 30 })
		expect(() => loadConfig({ BACKUP_INTERVAL_MINUTES: '1' })).toThrow(
			/BACKUP_INTERVAL_MINUTES must be a whole number of minutes between 5 and 10080 \(a week\) \(got "1"\)/,
		)
		expect(() => loadConfig({ BACKUP_INTERVAL_MINUTES: 'daily' })).toThrow(/BACKUP_INTERVAL_MINUTES/)
		expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(
			/BACKUP_KEEP must be a whole number of backups between 1 and 365 \(got "0"\)/,
		)
		expect(() => loadConfig({ BACKUP_KEEP: '2.5' })).toThrow(/BACKUP_KEEP/)
	})
})

describe('npm run restore', () => {
	function backupOf(temp: ReturnType<typeof databaseWithRows>) {
		const file = path.join(emptyFolder(), 'convene-20261206T173000Z.db')
		temp.db.$client.prepare('vacuum into ?').run(file)
		return file
	}

	test('a real process restores a backup into an empty folder, which the server can then open', () => {
		const source = databaseWithRows()
		const backup = backupOf(source)
		const dataDir = path.join(emptyFolder(), 'new-data')
		const run = cli(['restore', backup], { DATA_DIR: dataDir })
		expect(run.stderr).toBe('')
		expect(run.status).toBe(0)
		expect(run.stdout).toContain(`Restored ${backup} into ${path.join(dataDir, 'convene.db')}: `)
		expect(run.stdout).toContain(`Start the server with DATA_DIR=${dataDir}`)
		expect(rowsOf(path.join(dataDir, 'convene.db'))).toMatchObject({
			taskForces: ['Generative AI in Local Government'],
			emails: emails(source.db),
		})
		expect(readdirSync(dataDir)).toEqual(['convene.db'])
		const restored = openDatabase(path.join(dataDir, 'convene.db'))
		try {
			expect(() => migrateDatabase(restored)).not.toThrow()
			expect(emails(restored)).toEqual(emails(source.db))
		} finally {
			closeDatabase(restored)
		}
	})

	test('a database copied with its WAL beside it restores whole', async () => {
		const source = databaseWithRows()
		source.db.$client.pragma('wal_autocheckpoint = 0')
		createUser(source.db, { email: 'only-in-the-wal@city.gov' })
		const copied = emptyFolder()
		for (const suffix of ['', '-wal']) {
			copyFileSync(`${source.file}${suffix}`, path.join(copied, `convene.db${suffix}`))
		}
		const dataDir = emptyFolder()
		const run = await command(['restore', path.join(copied, 'convene.db')], { DATA_DIR: dataDir })
		expect(run.status).toBe(0)
		expect(rowsOf(path.join(dataDir, 'convene.db')).emails).toContain('only-in-the-wal@city.gov')
	})

	test('it refuses a data folder that already has a database or its WAL', async () => {
		const backup = backupOf(databaseWithRows())
		const { dir } = createTempDatabase()
		const refused = await command(['restore', backup], { DATA_DIR: dir })
		expect(refused).toEqual({
			status: 1,
			stdout: '',
			stderr: `${dir} already holds a database (convene.db); a restore never replaces one. Stop the server and move the old data folder away (or set DATA_DIR to a new, empty folder), then restore again.\n`,
		})
		const leftover = emptyFolder()
		writeFileSync(path.join(leftover, 'convene.db-wal'), '')
		expect((await command(['restore', backup], { DATA_DIR: leftover })).stderr).toContain(
			'already holds a database (convene.db-wal)',
		)
	})

	test('it refuses a missing file, a file that is not SQLite, and an SQLite file that is not Convene', async () => {
		const dataDir = path.join(emptyFolder(), 'data')
		const folder = emptyFolder()
		const missing = path.join(folder, 'nope.db')
		expect(await command(['restore', missing], { DATA_DIR: dataDir })).toEqual({
			status: 1,
			stdout: '',
			stderr: `There is no file ${missing}. Name the backup to restore.\n`,
		})
		const text = path.join(folder, 'notes.db')
		writeFileSync(text, 'Minutes of the kickoff meeting. '.repeat(200))
		expect((await command(['restore', text], { DATA_DIR: dataDir })).stderr).toBe(
			`${text} is not a Convene backup: it is not an SQLite database. Nothing was restored.\n`,
		)
		const other = path.join(folder, 'other.db')
		const sqlite = new Database(other)
		sqlite.exec('create table notes (body text)')
		sqlite.close()
		expect((await command(['restore', other], { DATA_DIR: dataDir })).stderr).toBe(
			`${other} is not a Convene backup: it is an SQLite database without a task_forces table, so not a Convene one. Nothing was restored.\n`,
		)
		expect((await command(['restore', folder], { DATA_DIR: dataDir })).stderr).toBe(
			`${folder} is a folder, not a backup file.\n`,
		)
		expect((await command(['restore'], { DATA_DIR: dataDir })).status).toBe(2)
		expect(existsSync(dataDir)).toBe(false)
	})

	test('a damaged backup is refused by the integrity check', async () => {
		const backup = backupOf(databaseWithRows(500))
		const bytes = Buffer.alloc(4096, 0xff)
		const damaged = path.join(emptyFolder(), 'damaged.db')
		copyFileSync(backup, damaged)
		const handle = openSync(damaged, 'r+')
		writeSync(handle, bytes, 0, bytes.length, 4096 * 3) // a page in the middle, not the header
		closeSync(handle)
		const dataDir = emptyFolder()
		const run = await command(['restore', damaged], { DATA_DIR: dataDir })
		expect(run.status).toBe(1)
		expect(run.stderr).toMatch(
			/^.+damaged\.db is not a Convene backup: SQLite's integrity check found damage \(.+\)\. Nothing was restored\.\n$/,
		)
		expect(readdirSync(dataDir)).toEqual([])
	})
})
