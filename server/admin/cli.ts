import { runAdmin } from './run.server.ts'

/**
 * `npm run admin -- <command>`: creates accounts and task forces on the server's database, so a
 * production instance can start with CONVENE_SEED=none and no demo accounts. `--help` lists the
 * commands. Passwords come from standard input or a prompt, never from the command line.
 */
process.exitCode = await runAdmin(process.argv.slice(2), {
	env: process.env,
	stdin: process.stdin,
	stdout: process.stdout,
	stderr: process.stderr,
})
