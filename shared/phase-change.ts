import { plural } from './text.ts'

/**
 * What moving between phases does to who may write, in numbers and in words: the confirmation a
 * co-chair reads before advancing or reopening a phase.
 */

/** How someone stands to a section, as the section policy's columns name it. */
export type WriteRelation = 'member' | 'lead' | 'co_chair'

/** People of one relation who lose (or gain) write access, and to how many sections. */
export type WriteShift = { relation: WriteRelation; people: number; subcommittees: number; sections: number }

export type WriteShiftSummary = {
	loses: WriteShift[]
	gains: WriteShift[]
	/** Relations who write some section now and keep every bit of it. */
	keeps: WriteRelation[]
	/** Sections on the outline. */
	sections: number
}

const GROUP: Record<WriteRelation, string> = {
	member: 'Members',
	lead: 'Leads',
	co_chair: 'Co-chairs',
}

const KEEPERS: Record<WriteRelation, string> = {
	member: 'subcommittee members',
	lead: 'subcommittee leads',
	co_chair: 'co-chairs',
}

function who(shift: WriteShift): string {
	const people = plural(shift.people, 'person', 'people')
	if (shift.relation === 'co_chair') return `Co-chairs (${people})`
	return `${GROUP[shift.relation]} of ${plural(shift.subcommittees, 'subcommittee')} (${people})`
}

function their(shift: WriteShift): string {
	if (shift.relation === 'co_chair') return plural(shift.sections, 'section')
	return `${shift.subcommittees === 1 ? 'its' : 'their'} ${plural(shift.sections, 'section')}`
}

/** "co-chairs", "co-chairs and subcommittee leads", "a, b and c". */
function list(words: string[]): string {
	return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/**
 * The change in sentences: "Members of 7 subcommittees (112 people) lose write access to their 9
 * sections." … "Co-chairs and subcommittee leads keep it." Nothing changing says so.
 */
export function describeWriteShift(summary: WriteShiftSummary): string[] {
	const sentences = [
		...summary.loses.map((shift) => `${who(shift)} lose write access to ${their(shift)}.`),
		...summary.gains.map((shift) => `${who(shift)} get write access back to ${their(shift)}.`),
	]
	if (sentences.length === 0) return ['Nobody’s write access changes.']
	if (summary.keeps.length > 0) {
		const keepers = list([...summary.keeps].reverse().map((relation) => KEEPERS[relation]))
		sentences.push(`${keepers.charAt(0).toUpperCase()}${keepers.slice(1)} keep theirs.`)
	}
	return sentences
}
