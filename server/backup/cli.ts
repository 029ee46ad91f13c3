import { runBackupCommand } from './run.server.ts'

/**
 * `npm run backup [-- FILE]` and `npm run restore -- FILE`: an online copy of the server's
 * database, and putting one back into an empty data folder. `--help` says more.
 */
process.exitCode = await runBackupCommand(process.argv.slice(2), {
	env: process.env,
	stdout: process.stdout,
	stderr: process.stderr,
})
