import { SECTORS } from '#shared/domain.ts'
import type { OptionSpec } from './arguments.ts'

export const CREATE_USER_OPTIONS = {
	email: { type: 'string', required: true },
	name: { type: 'string', required: true },
	title: { type: 'string' },
	admin: { type: 'boolean' },
	organization: { type: 'string' },
	sector: { type: 'string' },
} satisfies OptionSpec

export const CREATE_TASK_FORCE_OPTIONS = {
	slug: { type: 'string', required: true },
	name: { type: 'string', required: true },
	chair: { type: 'string', required: true },
	'publication-date': { type: 'string' },
	'time-zone': { type: 'string' },
} satisfies OptionSpec

export const USAGE = `Convene administration. Works on $DATA_DIR/convene.db (default ./data), migrating it first.

Usage:
  npm run admin -- create-user --email EMAIL --name NAME [--title TITLE] [--admin]
                               [--organization NAME [--sector SECTOR]]
  npm run admin -- create-task-force --slug SLUG --name NAME --chair EMAIL
                               [--publication-date YYYY-MM-DD] [--time-zone IANA_ZONE]
  npm run admin -- --help

create-user        Adds an account that can sign in at once. The password is read from standard
                   input when piped (first line), or asked for twice without echo in a terminal;
                   it is never accepted on the command line. 12–256 characters, not a common one.
                   --admin makes an instance administrator. --organization reuses an organization
                   of that name (any letter case) or adds it with --sector, one of:
                   ${SECTORS.join(', ')}.
create-task-force  Adds an active task force with the account --chair as its co-chair, one document
                   titled after it, and four phases (research, writing, editing, publishing) from
                   today to the publication date: by default 180 days ahead, at least 28, in the
                   task force's time zone (default America/Chicago). The slug (2–48 lower-case
                   letters, digits, hyphens) is its address: /t/SLUG.

Examples:
  printf '%s\\n' "$PASSWORD" | npm run admin -- create-user --email ada@city.gov --name "Ada Lovelace" --admin
  npm run admin -- create-task-force --slug genai --name "GenAI in Local Government" --chair ada@city.gov

Exit status: 0 done, 1 refused (nothing written), 2 wrong usage (nothing written).
`
