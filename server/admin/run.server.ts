import { mkdirSync } from 'node:fs'
import { closeDatabase, type Db, openDatabase } from '#db/client.server.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { PHASE_LABELS, SECTOR_LABELS } from '#shared/labels.ts'
import { ConfigError, loadConfig } from '../config.server.ts'
import { optionName, type ParsedOptions, parseOptions } from './arguments.ts'
import { createTaskForce, validateNewTaskForce } from './create-task-force.server.ts'
import { checkNewAccount, createUser, validateNewAccount } from './create-user.server.ts'
import type { Failure } from './outcome.ts'
import { PasswordInputError, readNewPassword } from './read-password.server.ts'
import { CREATE_TASK_FORCE_OPTIONS, CREATE_USER_OPTIONS, USAGE } from './usage.ts'

type Output = { write: (text: string) => unknown }

export type AdminIo = {
	env: NodeJS.ProcessEnv
	stdin: Parameters<typeof readNewPassword>[0]
	stdout: Output
	stderr: Output
	now?: () => Date
}

const HELP_HINT = 'See: npm run admin -- --help'
const EXIT = { done: 0, refused: 1, usage: 2, interrupted: 130 } as const

/** One run of `npm run admin -- …`; resolves to the process's exit status. */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
	const [command, ...args] = argv
	if (command === undefined) return usageError(io, 'Name a command: create-user or create-task-force.')
	if (['help', '--help', '-h'].includes(command) || args.includes('--help') || args.includes('-h')) {
		io.stdout.write(USAGE)
		return EXIT.done
	}
	if (command === 'create-user') return runCreateUser(args, io)
	if (command === 'create-task-force') return runCreateTaskForce(args, io)
	// Echo only what looks like a command word: the argument might be a password typed in the wrong place.
	const shown = /^[a-z][a-z-]{0,40}$/.test(command) ? ` ${command}` : ''
	return usageError(io, `Unknown command${shown}; the commands are create-user and create-task-force.`)
}

async function runCreateUser(args: readonly string[], io: AdminIo): Promise<number> {
	const parsed = parseOptions('create-user', args, CREATE_USER_OPTIONS)
	if (!parsed.ok) return usageError(io, parsed.message)
	const input = {
		email: text(parsed.values, 'email') ?? '',
		name: text(parsed.values, 'name') ?? '',
		title: text(parsed.values, 'title'),
		isAdmin: parsed.values.admin === true,
		organization: text(parsed.values, 'organization'),
		sector: text(parsed.values, 'sector'),
	}
	const valid = validateNewAccount(input)
	if (!valid.ok) return failed(io, valid)
	return withDatabase(io, async (db) => {
		// Refuse a taken email before asking for a password that would only be thrown away.
		const check = checkNewAccount(db, input)
		if (!check.ok) return failed(io, check)
		let password: string
		try {
			password = await readNewPassword(io.stdin, io.stderr, check.value.email)
		} catch (error) {
			if (!(error instanceof PasswordInputError)) throw error
			io.stderr.write(`${error.message}\n`)
			return EXIT[error.kind]
		}
		const outcome = await createUser(db, input, password, now(io).getTime())
		if (!outcome.ok) return failed(io, outcome)
		const user = outcome.value
		const role = user.isAdmin ? ', an instance administrator' : ''
		io.stdout.write(`Created the account ${user.email} for ${user.name}${role}. They can sign in now.\n`)
		if (user.organization) {
			const { name, sector, created } = user.organization
			io.stdout.write(`Organization: ${name} (${SECTOR_LABELS[sector]}${created ? ', newly added' : ''}).\n`)
		}
		return EXIT.done
	})
}

async function runCreateTaskForce(args: readonly string[], io: AdminIo): Promise<number> {
	const parsed = parseOptions('create-task-force', args, CREATE_TASK_FORCE_OPTIONS)
	if (!parsed.ok) return usageError(io, parsed.message)
	const input = {
		slug: text(parsed.values, 'slug') ?? '',
		name: text(parsed.values, 'name') ?? '',
		chair: text(parsed.values, 'chair') ?? '',
		publicationDate: text(parsed.values, 'publication-date'),
		timeZone: text(parsed.values, 'time-zone'),
	}
	const valid = validateNewTaskForce(input)
	if (!valid.ok) return failed(io, valid)
	return withDatabase(io, async (db, origin) => {
		const outcome = createTaskForce(db, input, now(io))
		if (!outcome.ok) return failed(io, outcome)
		const taskForce = outcome.value
		const lines = [
			`Created the task force “${taskForce.name}” at ${origin}/t/${taskForce.slug}.`,
			`Co-chair: ${taskForce.chair.name} <${taskForce.chair.email}>`,
			`Publication: ${taskForce.publicationDate} (time zone ${taskForce.timeZone})`,
			'Phases:',
			...taskForce.phases.map(
				(phase) =>
					`  ${PHASE_LABELS[phase.kind].padEnd(11)}${phase.startsOn} to ${phase.endsOn}${phase.position === 0 ? '  (current)' : ''}`,
			),
			`Document: “${taskForce.name}”`,
		]
		io.stdout.write(`${lines.join('\n')}\n`)
		return EXIT.done
	})
}

/** Opens the database as the server does (same file, migrated), runs `work`, and always closes it. */
async function withDatabase(io: AdminIo, work: (db: Db, origin: string) => Promise<number>): Promise<number> {
	let config: ReturnType<typeof loadConfig>
	try {
		config = loadConfig(io.env)
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error
		io.stderr.write(`${error.message}\n`)
		return EXIT.refused
	}
	mkdirSync(config.dataDir, { recursive: true })
	const db = openDatabase(config.databaseFile)
	try {
		migrateDatabase(db)
		return await work(db, config.publicOrigin ?? '')
	} finally {
		closeDatabase(db)
	}
}

function text(values: ParsedOptions, name: string): string | undefined {
	const value = values[name]
	return typeof value === 'string' ? value : undefined
}

function now(io: AdminIo): Date {
	return io.now?.() ?? new Date()
}

function usageError(io: AdminIo, message: string): number {
	io.stderr.write(`${message} ${HELP_HINT}\n`)
	return EXIT.usage
}

function failed(io: AdminIo, failure: Failure): number {
	if (failure.reason === 'invalid') {
		return usageError(
			io,
			failure.field ? `${optionName(failure.field)}: ${failure.message}` : failure.message,
		)
	}
	io.stderr.write(`Refused: ${failure.message}\n`)
	return EXIT.refused
}
