import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type Config, ConfigError, loadConfig } from '../config.server.ts'
import { BackupError, type Copy, copyDatabase } from './backup.server.ts'
import { backupFileName } from './file-names.server.ts'
import { restoreDatabase } from './restore.server.ts'
import { USAGE } from './usage.ts'

type Output = { write: (text: string) => unknown }

export type BackupIo = { env: NodeJS.ProcessEnv; stdout: Output; stderr: Output; now?: () => Date }

const EXIT = { done: 0, failed: 1, usage: 2 } as const

/** One run of `npm run backup` or `npm run restore`; resolves to the process's exit status. */
export async function runBackupCommand(argv: readonly string[], io: BackupIo): Promise<number> {
	const [command, ...args] = argv
	if (argv.some((arg) => ['help', '--help', '-h'].includes(arg))) {
		io.stdout.write(USAGE)
		return EXIT.done
	}
	if (args.length > 1 || args.some((arg) => arg.startsWith('-'))) {
		return usageError(io, 'Give at most one argument, the backup file.')
	}
	if (command === 'backup') return withConfig(io, 'backup', (config) => backUp(config, args[0], io))
	if (command === 'restore') {
		const file = args[0]
		if (file === undefined) return usageError(io, 'Name the backup to restore: npm run restore -- FILE.')
		return withConfig(io, 'restore', (config) => restore(config, file, io))
	}
	return usageError(io, 'The commands are backup and restore.')
}

async function backUp(config: Config, file: string | undefined, io: BackupIo): Promise<number> {
	if (!existsSync(config.databaseFile)) {
		io.stderr.write(
			`There is no database at ${config.databaseFile}. Set DATA_DIR to the folder that holds convene.db.\n`,
		)
		return EXIT.failed
	}
	const dir = config.backupDir ?? path.join(config.dataDir, 'backups')
	const target = path.resolve(file ?? path.join(dir, backupFileName(io.now?.() ?? new Date())))
	mkdirSync(path.dirname(target), { recursive: true })
	// Read-only: the server stays the only writer. WAL lets this read while the server commits.
	const source = new Database(config.databaseFile, { readonly: true, fileMustExist: true })
	try {
		source.pragma('busy_timeout = 5000')
		const copy = await copyDatabase(source, target)
		io.stdout.write(
			`Backed up ${config.databaseFile} to ${copy.file}: ${describe(copy)}; integrity check ok.\n`,
		)
		return EXIT.done
	} finally {
		source.close()
	}
}

async function restore(config: Config, file: string, io: BackupIo): Promise<number> {
	const copy = await restoreDatabase(path.resolve(file), config.databaseFile)
	io.stdout.write(
		`Restored ${path.resolve(file)} into ${copy.file}: ${describe(copy)}; integrity check ok.\n` +
			`Start the server with DATA_DIR=${config.dataDir}; it applies any newer migrations as it starts.\n`,
	)
	return EXIT.done
}

/**
 * Reads the configuration as the server does, runs `work`, and reports any failure as one line and
 * exit 1: a refusal or a bad variable in its own words, anything else (a folder it may not write,
 * a full disk) with the system's message.
 */
async function withConfig(
	io: BackupIo,
	command: 'backup' | 'restore',
	work: (config: Config) => Promise<number>,
): Promise<number> {
	try {
		return await work(loadConfig(io.env))
	} catch (error) {
		if (error instanceof ConfigError || error instanceof BackupError) io.stderr.write(`${error.message}\n`)
		else io.stderr.write(`The ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`)
		return EXIT.failed
	}
}

function describe(copy: Copy): string {
	const megabytes = (copy.bytes / 1_048_576).toFixed(1)
	return `${megabytes} MB (${copy.bytes.toLocaleString('en-US')} bytes) in ${(copy.durationMs / 1000).toFixed(2)} s`
}

function usageError(io: BackupIo, message: string): number {
	io.stderr.write(`${message} See: npm run backup -- --help\n`)
	return EXIT.usage
}
