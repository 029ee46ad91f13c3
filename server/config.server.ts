import { accessSync, constants } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const portSchema = z.coerce
	.number({ error: 'must be a whole number between 1 and 65535' })
	.int('must be a whole number between 1 and 65535')
	.min(1, 'must be a whole number between 1 and 65535')
	.max(65535, 'must be a whole number between 1 and 65535')

const originSchema = z.string().refine((value) => {
	try {
		const url = new URL(value)
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value
	} catch {
		return false
	}
}, 'must be an origin like https://convene.example.org (scheme and host, no path or trailing slash)')

const smtpUrlSchema = z.string().refine((value) => {
	try {
		const url = new URL(value)
		return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== ''
	} catch {
		return false
	}
}, 'must be a mail server URL like smtp://mail.example.org:587 or smtps://user:password@mail.example.org')

// A bare address, or `Name <address>`; no line breaks, commas or further angle brackets.
const ADDRESS = String.raw`[^\s@<>,;"]+@[^\s@<>,;"]+`
const MAIL_FROM_PATTERN = new RegExp(String.raw`^(?:${ADDRESS}|[^<>\r\n,;"]*\S <${ADDRESS}>)$`)
const mailFromSchema = z
	.string()
	.regex(MAIL_FROM_PATTERN, 'must be an address like convene@example.org or Name <convene@example.org>')

function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK)
		return true
	} catch {
		return false
	}
}

const envSchema = z.object({
	PORT: portSchema.default(3000),
	DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
	NODE_ENV: z
		.enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
		.default('production'),
	CONVENE_SEED: z.enum(['demo', 'none'], { error: 'must be demo or none' }).default('demo'),
	PUBLIC_ORIGIN: originSchema.optional(),
	SHUTDOWN_TIMEOUT_MS: z.coerce
		.number({ error: 'must be a number of milliseconds' })
		.int()
		.min(0)
		.max(120_000, 'must be at most 120000')
		.default(10_000),
	METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
			error: 'must be fatal, error, warn, info, debug, trace or silent',
		})
		.default('info'),
	CHROMIUM_PATH: z
		.string()
		.refine(isExecutable, 'must be the path of a Chromium or Chrome binary that exists and may run')
		.optional(),
	BACKUP_DIR: z.string().optional(),
	BACKUP_INTERVAL_MINUTES: z.coerce
		.number({ error: 'must be a whole number of minutes between 5 and 10080 (a week)' })
		.int('must be a whole number of minutes between 5 and 10080 (a week)')
		.min(5, 'must be a whole number of minutes between 5 and 10080 (a week)')
		.max(10_080, 'must be a whole number of minutes between 5 and 10080 (a week)')
		.default(1440),
	BACKUP_KEEP: z.coerce
		.number({ error: 'must be a whole number of backups between 1 and 365' })
		.int('must be a whole number of backups between 1 and 365')
		.min(1, 'must be a whole number of backups between 1 and 365')
		.max(365, 'must be a whole number of backups between 1 and 365')
		.default(7),
	SMTP_URL: smtpUrlSchema.optional(),
	MAIL_FROM: mailFromSchema.default('Convene <convene@localhost>'),
})

/** The process configuration, read once from the environment at start. */
export type Config = {
	port: number
	dataDir: string
	databaseFile: string
	env: 'development' | 'production' | 'test'
	seed: 'demo' | 'none'
	/** Our own origin when fixed by the operator; otherwise taken from each request. */
	publicOrigin: string | undefined
	shutdownTimeoutMs: number
	logLevel: string
	/** Bearer token that opens `/metrics` to non-loopback callers; unset means loopback only. */
	metricsToken: string | undefined
	/** Chromium for printing editions to PDF; unset means the first `chromium` on the PATH, if any. */
	chromiumPath: string | undefined
	/** Folder of scheduled backups; unset means the server takes none (`npm run backup` still works). */
	backupDir: string | undefined
	backupIntervalMinutes: number
	/** How many scheduled backups stay in `backupDir`; older ones are deleted. */
	backupKeep: number
	/** The mail server (`smtp:` or `smtps:`, credentials in the URL); unset: mail stays in the outbox. */
	smtpUrl: string | undefined
	/** The sender of every email: an address or `Name <address>`. */
	mailFrom: string
}

export class ConfigError extends Error {
	override name = 'ConfigError'
}

/**
 * Reads and validates the environment. Empty strings count as unset, so `PORT= npm start` means
 * the default rather than an error. Throws a ConfigError listing every bad value at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
	const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
	const parsed = envSchema.safeParse(present)
	if (!parsed.success) {
		const lines = parsed.error.issues.map((issue) => {
			const name = String(issue.path[0])
			// A mail server URL may hold a password, which must not reach the logs.
			const got = name === 'SMTP_URL' ? 'a value that is not shown' : JSON.stringify(env[name])
			return `  ${name} ${issue.message} (got ${got})`
		})
		throw new ConfigError(`Convene cannot start: bad configuration.\n${lines.join('\n')}`)
	}
	const value = parsed.data
	const dataDir = path.resolve(cwd, value.DATA_DIR)
	return {
		port: value.PORT,
		dataDir,
		databaseFile: path.join(dataDir, 'convene.db'),
		env: value.NODE_ENV,
		seed: value.CONVENE_SEED,
		publicOrigin: value.PUBLIC_ORIGIN,
		shutdownTimeoutMs: value.SHUTDOWN_TIMEOUT_MS,
		logLevel: value.LOG_LEVEL,
		metricsToken: value.METRICS_TOKEN,
		chromiumPath: value.CHROMIUM_PATH,
		backupDir: value.BACKUP_DIR === undefined ? undefined : path.resolve(cwd, value.BACKUP_DIR),
		backupIntervalMinutes: value.BACKUP_INTERVAL_MINUTES,
		backupKeep: value.BACKUP_KEEP,
		smtpUrl: value.SMTP_URL,
		mailFrom: value.MAIL_FROM,
	}
}
