import type { CreditChoice, Sector } from '../domain.ts'

/**
 * Who an edition credits, frozen with it. A person who chose "name only" appears without their
 * organization (under "Not listed with an organization"); one who chose "not listed" is absent.
 */
export type CreditedPerson = { name: string; organization: string | null }

/** The sector groups of the credits: agencies and nonprofits are listed as "Other". */
export type CreditSector = 'local_government' | 'university' | 'private_sector' | 'other'

export const CREDIT_SECTOR_LABELS: Record<CreditSector, string> = {
	local_government: 'Local government',
	university: 'Universities',
	private_sector: 'Private sector',
	other: 'Other organizations',
}

type OrganizationCredit = { organization: string | null; people: string[] }

export type EditionContributors = {
	coChairs: CreditedPerson[]
	subcommittees: {
		name: string
		sectors: { sector: CreditSector; organizations: OrganizationCredit[] }[]
	}[]
	/** Per section (in order), the people whose edits are in its stored history. */
	sections: { title: string; people: CreditedPerson[] }[]
}

function creditSector(sector: Sector | null): CreditSector {
	return sector === 'local_government' || sector === 'university' || sector === 'private_sector'
		? sector
		: 'other'
}

export function creditLine(person: CreditedPerson): string {
	return person.organization ? `${person.name} (${person.organization})` : person.name
}

/** A person as the credits need them: name, organization and sector, and their own choice. */
export type CreditSource = {
	name: string
	organization: string | null
	sector: Sector | null
	creditAs: CreditChoice
}

const SECTOR_ORDER: CreditSector[] = ['local_government', 'university', 'private_sector', 'other']

/** How a person is credited, by their own choice; null when they asked not to be listed. */
function credit(person: CreditSource): CreditedPerson | null {
	if (person.creditAs === 'not_listed') return null
	return { name: person.name, organization: person.creditAs === 'name_only' ? null : person.organization }
}

function byName(a: { name: string }, b: { name: string }) {
	return a.name.localeCompare(b.name)
}

function credited(people: readonly CreditSource[]): CreditedPerson[] {
	return [...people]
		.sort(byName)
		.map(credit)
		.filter((person): person is CreditedPerson => person !== null)
}

function sectorGroups(members: readonly CreditSource[]) {
	const groups = new Map<CreditSector, Map<string | null, string[]>>()
	for (const person of [...members].sort(byName)) {
		const named = credit(person)
		if (!named) continue
		const sector = named.organization === null ? 'other' : creditSector(person.sector)
		const byOrganization = groups.get(sector) ?? new Map<string | null, string[]>()
		groups.set(sector, byOrganization)
		byOrganization.set(named.organization, [...(byOrganization.get(named.organization) ?? []), named.name])
	}
	return SECTOR_ORDER.filter((sector) => groups.has(sector)).map((sector) => {
		const entries = [...(groups.get(sector) as Map<string | null, string[]>)].map(
			([organization, names]): OrganizationCredit => ({ organization, people: names }),
		)
		// Named organizations alphabetically, people without one last.
		entries.sort((a, b) =>
			a.organization === null
				? 1
				: b.organization === null
					? -1
					: a.organization.localeCompare(b.organization),
		)
		return { sector, organizations: entries }
	})
}

/**
 * The credits of an edition: co-chairs, then each subcommittee's members by sector and
 * organization, then per section the people whose edits are in it — each as they chose.
 */
export function buildContributors(input: {
	coChairs: readonly CreditSource[]
	subcommittees: readonly { name: string; members: readonly CreditSource[] }[]
	sections: readonly { title: string; authors: readonly CreditSource[] }[]
}): EditionContributors {
	return {
		coChairs: credited(input.coChairs),
		subcommittees: input.subcommittees
			.map((subcommittee) => ({ name: subcommittee.name, sectors: sectorGroups(subcommittee.members) }))
			.filter((subcommittee) => subcommittee.sectors.length > 0),
		sections: input.sections.map((section) => ({ title: section.title, people: credited(section.authors) })),
	}
}
