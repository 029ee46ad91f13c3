import { addDays, daysBetween } from '#shared/dates.ts'
import { PHASE_KINDS, type PhaseKind, type PhaseStatus } from '#shared/domain.ts'
import { PHASE_DAYS, PUBLICATION_IN_DAYS } from './program.ts'

/**
 * The fewest days from seeding to publication: under about two months the rest of writing,
 * editing and publishing would be squeezed into days, so the demo aims for the April after.
 */
const MIN_DAYS_TO_PUBLICATION = 60

type DemoPhase = { kind: PhaseKind; startsOn: string; endsOn: string; status: PhaseStatus }

export type DemoCalendar = {
	today: string
	/** A day in the first April at least MIN_DAYS_TO_PUBLICATION away, as near the plan's as April allows. */
	publicationDate: string
	/** Phases in order, each starting the day after the one before; writing is active today. */
	phases: DemoPhase[]
	/** The date of a day of the plan in program.ts (days after today, negative for before). */
	dateOf(planDays: number): string
}

/**
 * Places the demo's plan (program.ts: writing began 28 days ago, publication in 150 days) on the
 * calendar so that the task force's own words, "published in April", stay true whatever the day of
 * seeding. The past is kept as planned (writing is always four weeks in); the future is stretched
 * or squeezed evenly so that the plan's publication day lands in April. Every planned day keeps its
 * order, so milestones, due dates and phase bounds stay inside the phases they belong to.
 */
export function demoCalendar(today: string): DemoCalendar {
	const publicationDate = aprilPublication(today)
	const scale = daysBetween(today, publicationDate) / PUBLICATION_IN_DAYS
	const dateOf = (planDays: number) => addDays(today, planDays <= 0 ? planDays : Math.round(planDays * scale))
	const phases: DemoPhase[] = []
	for (const kind of PHASE_KINDS) {
		const [start, end] = PHASE_DAYS[kind]
		const previous = phases.at(-1)
		// The day after the previous phase, not dateOf(start): squeezed days may round together.
		const startsOn = previous ? addDays(previous.endsOn, 1) : dateOf(start)
		const endsOn = dateOf(end)
		const status = endsOn < today ? 'complete' : startsOn <= today ? 'active' : 'upcoming'
		phases.push({ kind, startsOn, endsOn, status })
	}
	return { today, publicationDate, phases, dateOf }
}

/** The day of the first April at least MIN_DAYS_TO_PUBLICATION away nearest to the plan's. */
function aprilPublication(today: string): string {
	const earliest = addDays(today, MIN_DAYS_TO_PUBLICATION)
	const planned = addDays(today, PUBLICATION_IN_DAYS)
	let year = Number(today.slice(0, 4))
	while (`${year}-04-30` < earliest) year++
	const first = maxDate(`${year}-04-01`, earliest)
	const last = `${year}-04-30`
	return planned < first ? first : planned > last ? last : planned
}

function maxDate(a: string, b: string) {
	return a > b ? a : b
}
