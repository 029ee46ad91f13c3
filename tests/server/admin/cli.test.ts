import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, test } from 'vitest'
import { memberships, phases, taskForces, users } from '#db/schema/index.ts'
import { runAdmin } from '#server/admin/run.server.ts'
import { verifyPassword } from '#server/auth/password.server.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const PASSWORD = 'violet sunrise over oxen'

/** Runs the real `server/admin/cli.ts` in its own Node process, as `npm run admin` does. */
function cli(args: string[], options: { dataDir: string; stdin?: string }) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: options.dataDir, CONVENE_SEED: 'none', NODE_ENV: 'production' },
		input: options.stdin ?? '',
		encoding: 'utf8',
		timeout: 30_000,
	})
	return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** `runAdmin` in this process, with captured output: quick checks of the command line. */
async function admin(args: string[], options: { dataDir: string; stdin?: string; now?: Date }) {
	let stdout = ''
	let stderr = ''
	const status = await runAdmin(args, {
		env: { DATA_DIR: options.dataDir },
		stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
		stdout: { write: (text: string) => (stdout += text) },
		stderr: { write: (text: string) => (stderr += text) },
		now: options.now && (() => options.now as Date),
	})
	return { status, stdout, stderr }
}

const emptyFolders: string[] = []
afterEach(() => {
	for (const dir of emptyFolders.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function emptyDataDir() {
	const dir = mkdtempSync(path.join(tmpdir(), 'convene-admin-'))
	emptyFolders.push(dir)
	return dir
}

describe('npm run admin, as a real process', () => {
	test('creates an admin from a piped password, then a task force she chairs, both in the database', async () => {
		const { db, dir } = createTempDatabase()
		const user = cli(['create-user', '--email', 'Ada@City.gov', '--name', 'Ada Lovelace', '--admin'], {
			dataDir: dir,
			stdin: `${PASSWORD}\n`,
		})
		expect(user.stderr).toBe('')
		expect(user.status).toBe(0)
		expect(user.stdout).toContain(
			'Created the account ada@city.gov for Ada Lovelace, an instance administrator.',
		)
		const ada = db.select().from(users).get()
		expect(ada).toMatchObject({ email: 'ada@city.gov', isAdmin: true })
		expect(await verifyPassword(ada?.passwordHash ?? null, PASSWORD)).toBe(true)

		const taskForce = cli(
			['create-task-force', '--slug', 'genai', '--name', 'GenAI', '--chair', 'ada@city.gov'],
			{
				dataDir: dir,
			},
		)
		expect(taskForce.status).toBe(0)
		expect(taskForce.stdout).toContain('Created the task force “GenAI” at /t/genai.')
		expect(db.select({ slug: taskForces.slug }).from(taskForces).all()).toEqual([{ slug: 'genai' }])
		expect(db.select({ role: memberships.role, userId: memberships.userId }).from(memberships).all()).toEqual(
			[{ role: 'co_chair', userId: ada?.id }],
		)
		expect(db.select().from(phases).all()).toHaveLength(4)
	})

	test('a password given on the command line is refused, not printed, and no account is created', () => {
		const { db, dir } = createTempDatabase()
		const run = cli(['create-user', '--email', 'ada@city.gov', '--name', 'Ada', '--password', PASSWORD], {
			dataDir: dir,
			stdin: `${PASSWORD}\n`,
		})
		expect(run.status).toBe(2)
		expect(run.stderr).toContain('Passwords are never taken from the command line')
		expect(run.stdout + run.stderr).not.toContain(PASSWORD)
		expect(db.select().from(users).all()).toEqual([])
	})

	test('nothing piped and no terminal: exit status 2 with a message saying how to give a password', () => {
		const { db, dir } = createTempDatabase()
		const run = cli(['create-user', '--email', 'ada@city.gov', '--name', 'Ada'], { dataDir: dir })
		expect(run.status).toBe(2)
		expect(run.stderr.trim().split('\n')).toHaveLength(1)
		expect(run.stderr).toContain('No password on standard input')
		expect(db.select().from(users).all()).toEqual([])
	})
})

describe('the command line', () => {
	test('--help prints the usage of both commands and exits 0', async () => {
		const run = await admin(['--help'], { dataDir: emptyDataDir() })
		expect(run.status).toBe(0)
		expect(run.stdout).toContain('create-user --email EMAIL --name NAME')
		expect(run.stdout).toContain('create-task-force --slug SLUG --name NAME --chair EMAIL')
	})

	test('help after a command also prints the usage', async () => {
		expect((await admin(['create-task-force', '--help'], { dataDir: emptyDataDir() })).status).toBe(0)
	})

	test.each([
		[[], 'Name a command'],
		[['delete-everything'], 'Unknown command delete-everything'],
		[['create-user', '--name', 'Ada'], 'create-user needs --email.'],
		[
			['create-user', '--email', 'ada@city.gov', '--name', 'Ada', '--colour', 'red'],
			'has no option --colour',
		],
		[
			['create-user', '--email', 'ada@city.gov', '--name', 'Ada', 'Lovelace'],
			'Unexpected argument at position 5',
		],
		[['create-user', '--email', '--name', 'Ada'], '--email needs a value.'],
		[
			['create-user', '--email', 'ada@city.gov', '--email', 'b@c.d', '--name', 'A'],
			'--email is given twice.',
		],
		[['create-user', '--email', 'ada@city.gov', '--name', 'Ada', '--admin=yes'], '--admin takes no value.'],
		[['create-user', '--email', 'ada', '--name', 'Ada'], '--email: Enter an email address'],
		[['create-task-force', '--slug', 'genai', '--name', 'G'], 'create-task-force needs --chair.'],
		[
			['create-task-force', '--slug', 'GenAI', '--name', 'G', '--chair', 'a@b.cd'],
			'--slug: Use 2–48 lower-case',
		],
		[
			['create-task-force', '--slug', 'g2', '--name', 'G', '--chair', 'a@b.cd', '--time-zone', 'Moon'],
			'--time-zone:',
		],
	])(
		'%j is a usage error (exit 2) that says %j in one line, and touches no database',
		async (args, message) => {
			const dataDir = emptyDataDir()
			const run = await admin(args, { dataDir })
			expect(run.status).toBe(2)
			expect(run.stderr).toContain(message)
			expect(run.stderr.trim().split('\n')).toHaveLength(1)
			expect(run.stdout).toBe('')
			expect(existsSync(path.join(dataDir, 'convene.db'))).toBe(false)
		},
	)

	test('a password passed as --password=… is not echoed back in the error', async () => {
		const run = await admin(['create-user', '--email', 'a@b.cd', '--name', 'A', `--password=${PASSWORD}`], {
			dataDir: emptyDataDir(),
		})
		expect(run.status).toBe(2)
		expect(run.stderr).not.toContain(PASSWORD)
	})

	test('a stray argument is not echoed back either, in case it is a password', async () => {
		const run = await admin(['create-user', '--email', 'a@b.cd', '--name', 'A', PASSWORD], {
			dataDir: emptyDataDir(),
		})
		expect(run.status).toBe(2)
		expect(run.stderr).not.toContain(PASSWORD)
	})

	test('refusals exit 1 with one line: a taken email, then an unknown chair', async () => {
		const { dir } = createTempDatabase()
		const first = await admin(['create-user', '--email', 'ada@city.gov', '--name', 'Ada'], {
			dataDir: dir,
			stdin: PASSWORD,
		})
		expect(first.status).toBe(0)
		const again = await admin(['create-user', '--email', 'ADA@city.gov', '--name', 'Ada'], {
			dataDir: dir,
			stdin: PASSWORD,
		})
		expect(again).toEqual({
			status: 1,
			stdout: '',
			stderr: 'Refused: An account with the email ada@city.gov already exists.\n',
		})
		const chairless = await admin(
			['create-task-force', '--slug', 'genai', '--name', 'G', '--chair', 'bob@city.gov'],
			{
				dataDir: dir,
			},
		)
		expect(chairless.status).toBe(1)
		expect(chairless.stderr).toMatch(/^Refused: No account has the email bob@city.gov; create it first/)
	})

	test('a weak password is refused with exit 1', async () => {
		const { db, dir } = createTempDatabase()
		const run = await admin(['create-user', '--email', 'ada@city.gov', '--name', 'Ada'], {
			dataDir: dir,
			stdin: 'password1234\n',
		})
		expect(run.status).toBe(1)
		expect(run.stderr).toContain('commonly used passwords')
		expect(db.select().from(users).all()).toEqual([])
	})

	test('success says what was created: the address, the co-chair and each phase with its dates', async () => {
		const { dir } = createTempDatabase()
		await admin(['create-user', '--email', 'ada@city.gov', '--name', 'Ada Lovelace'], {
			dataDir: dir,
			stdin: PASSWORD,
		})
		const run = await admin(
			['create-task-force', '--slug', 'genai', '--name', 'GenAI', '--chair', 'ada@city.gov'],
			{
				dataDir: dir,
				now: new Date('2026-11-28T15:00:00Z'),
			},
		)
		expect(run.status).toBe(0)
		expect(run.stdout).toBe(
			[
				'Created the task force “GenAI” at /t/genai.',
				'Co-chair: Ada Lovelace <ada@city.gov>',
				'Publication: 2027-05-27 (time zone America/Chicago)',
				'Phases:',
				'  Research   2026-11-28 to 2027-01-20  (current)',
				'  Writing    2027-01-21 to 2027-03-25',
				'  Editing    2027-03-26 to 2027-04-30',
				'  Publishing 2027-05-01 to 2027-05-27',
				'Document: “GenAI”',
				'',
			].join('\n'),
		)
	})
})
