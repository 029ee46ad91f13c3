import type { Role, Sector } from '#shared/domain.ts'
import { FIRST_NAMES, LAST_NAMES, OBSERVER_ORGANIZATIONS, ORGANIZATIONS, TITLES } from './organizations.ts'
import type { SubcommitteeKey } from './program.ts'
import type { Random } from './random.ts'

export type SeedPerson = {
	email: string
	name: string
	title: string
	organization: string
	isAdmin?: boolean
	/** Role in the GenAI task force; absent for someone who is not a member. */
	role?: Role
	subcommittees: SubcommitteeKey[]
	leads?: SubcommitteeKey
}

/** The contract's demo accounts (password `demo-password`), with the co-chairs around them. */
export const DEMO_ACCOUNTS: SeedPerson[] = [
	{
		email: 'cochair@demo.test',
		name: 'Dana Whitfield',
		title: 'Chief Data and Analytics Officer',
		organization: 'City of Boston',
		role: 'co_chair',
		subcommittees: [],
	},
	{
		email: 'lead@demo.test',
		name: 'Renée Okafor',
		title: 'Community Engagement Manager',
		organization: 'City of Long Beach',
		role: 'member',
		subcommittees: ['engagement'],
		leads: 'engagement',
	},
	{
		email: 'writer@demo.test',
		name: 'Sam Rivera',
		title: 'Open Data Program Manager',
		organization: 'City of Tempe',
		role: 'member',
		subcommittees: ['engagement'],
	},
	{
		email: 'writer2@demo.test',
		name: 'Priya Natarajan',
		title: 'Associate Professor of Information Science',
		organization: 'University of Washington',
		role: 'member',
		subcommittees: ['engagement'],
	},
	{
		email: 'outsider@demo.test',
		name: 'Owen Brandt',
		title: 'Procurement Manager',
		organization: 'Kansas City, Missouri',
		role: 'member',
		subcommittees: ['procurement'],
	},
	{
		email: 'observer@demo.test',
		name: 'Olivia Grant',
		title: 'Policy Director',
		organization: 'League of California Cities',
		role: 'observer',
		subcommittees: [],
	},
	{
		email: 'admin@demo.test',
		name: 'Avery Morgan',
		title: 'Platform Administrator',
		organization: 'Open Data Commons Project',
		isAdmin: true,
		subcommittees: [],
	},
]

const OTHER_CO_CHAIRS: Array<Pick<SeedPerson, 'title' | 'organization'>> = [
	{ title: 'Chief Data Officer', organization: 'City of Chicago' },
	{ title: 'Interim Chief Technology Officer', organization: 'City of San José' },
	{ title: 'Chief Innovation Officer', organization: 'Southeastern Pennsylvania Transportation Authority' },
	{ title: 'Professor of Ethics and Public Policy', organization: 'Georgia Institute of Technology' },
]

const SUBCOMMITTEE_KEYS: SubcommitteeKey[] = [
	'trust',
	'open-data',
	'engagement',
	'workforce',
	'privacy',
	'procurement',
	'legal',
]

/**
 * About 130 invented people: every organization has at least one, local governments the most,
 * spread over the seven subcommittees with a local-government lead in each.
 */
export function generatePeople(random: Random): SeedPerson[] {
	const used = new Set(DEMO_ACCOUNTS.map((person) => person.name))
	const emails = new Set(DEMO_ACCOUNTS.map((person) => person.email))
	function inventName() {
		for (;;) {
			const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
			if (!used.has(name)) {
				used.add(name)
				return name
			}
		}
	}
	function person(organization: string, sector: Sector, title?: string): SeedPerson {
		const name = inventName()
		let email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@members.demo.test`
		for (let n = 2; emails.has(email); n++) email = email.replace(/(\.\d+)?@/, `.${n}@`)
		emails.add(email)
		return { email, name, organization, title: title ?? random.pick(TITLES[sector]), subcommittees: [] }
	}

	const coChairs = OTHER_CO_CHAIRS.map((chair) => ({
		...person(chair.organization, 'local_government', chair.title),
		role: 'co_chair' as const,
	}))

	const observerNames = new Set(OBSERVER_ORGANIZATIONS.map((org) => org.name))
	const memberOrganizations = ORGANIZATIONS.filter((org) => !observerNames.has(org.name))
	const localGovernments = memberOrganizations.filter((org) => org.sector === 'local_government')
	// One person from every organization, then more from cities and counties.
	const seats = [
		...memberOrganizations,
		...random.shuffle(localGovernments).slice(0, 24),
		...random.shuffle(memberOrganizations.filter((org) => org.sector !== 'local_government')).slice(0, 8),
	]
	const members = random
		.shuffle(seats)
		.map((org) => ({ ...person(org.name, org.sector), role: 'member' as const }))

	// Round-robin keeps the subcommittees even; one in five people also serves on a second one.
	members.forEach((member, index) => {
		const first = SUBCOMMITTEE_KEYS[index % SUBCOMMITTEE_KEYS.length] as SubcommitteeKey
		member.subcommittees.push(first)
		if (random.next() < 0.2) {
			const second = random.pick(SUBCOMMITTEE_KEYS.filter((key) => key !== first))
			member.subcommittees.push(second)
		}
	})
	const sectorOf = new Map(ORGANIZATIONS.map((org) => [org.name, org.sector]))
	for (const key of SUBCOMMITTEE_KEYS) {
		if (key === 'engagement') continue // led by the lead@demo.test account
		const lead = members.find(
			(member) =>
				member.subcommittees[0] === key &&
				!member.leads &&
				sectorOf.get(member.organization) === 'local_government',
		)
		if (lead) lead.leads = key
	}

	const observers = OBSERVER_ORGANIZATIONS.slice(1).map((org) => ({
		...person(org.name, org.sector),
		role: 'observer' as const,
	}))
	return [...coChairs, ...members, ...observers]
}
