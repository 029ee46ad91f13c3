import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { closeDatabase, openDatabase } from '../client.server.ts'
import { migrateDatabase } from '../migrate.ts'
import { isDatabaseEmpty, seedDemo } from './demo.ts'

/**
 * `npm run seed [-- --force]`: writes the demo task force into `$DATA_DIR/convene.db` (default
 * ./data). Refuses to touch a database that holds anything unless `--force` is given, because
 * re-seeding replaces every row: real accounts and text included.
 */
const args = process.argv.slice(2)
const unknown = args.filter((arg) => arg !== '--force')
if (unknown.length > 0) {
	process.stderr.write(`Unknown argument ${unknown.join(' ')}. Usage: npm run seed [-- --force]\n`)
	process.exit(2)
}
const force = args.includes('--force')
const dataDir = path.resolve(process.env.DATA_DIR || './data')
const file = path.join(dataDir, 'convene.db')

mkdirSync(dataDir, { recursive: true })
const db = openDatabase(file)
try {
	migrateDatabase(db)
	const empty = isDatabaseEmpty(db)
	if (!empty && !force) {
		process.stderr.write(
			`${file} already holds data; nothing was changed.\nTo replace everything in it with the demo, run: npm run seed -- --force\n`,
		)
		process.exitCode = 1
	} else {
		const summary = await seedDemo(db, { today: new Date(), replaceExisting: !empty })
		process.stdout.write(
			`${empty ? 'Seeded' : 'Replaced the data with'} the demo in ${file}: ${summary.people} people, ` +
				`${summary.organizations} organizations, ${summary.subcommittees} subcommittees, ${summary.sections} sections.\n`,
		)
	}
} finally {
	closeDatabase(db)
}
