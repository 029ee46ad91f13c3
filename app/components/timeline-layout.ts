import type { SectionDueState, Timeline } from '#server/task-forces/timeline.server.ts'
import { addDays, daysBetween, formatDate, formatShortDate } from '#shared/dates.ts'
import {
	MILESTONE_STATE_LABELS,
	PHASE_LABELS,
	PHASE_STATUS_LABELS,
	SECTION_STATUS_LABELS,
} from '#shared/labels.ts'
import type { MilestoneState } from '#shared/schedule.ts'
import { plural } from '#shared/text.ts'

/**
 * Where everything on the timeline chart goes, in the SVG's own units (a 1000-wide viewBox that
 * scales with the page). Pure arithmetic, so the chart component only draws.
 */

const CHART_WIDTH = 1000
/** Lane names sit left of the plot. */
const PLOT_LEFT = 212
const PLOT_RIGHT = 984
const AXIS_TOP = 24
const BAND_TOP = 50
const BAND_HEIGHT = 56
const MARKER_LEVEL_HEIGHT = 24
const LANE_HEIGHT = 40
/** Room above the lanes for their heading. */
const LANE_HEADER = 24
/** Markers closer than this share a level only if they do not overlap; else they stack. */
const MARKER_GAP = 22

export type MarkerShape =
	| 'done'
	| 'waived'
	| 'overdue'
	| 'due-soon'
	| 'upcoming'
	| 'section-delivered'
	| 'section-due-soon'
	| 'section-upcoming'

export type Marker = {
	/** Also the id of the table row it describes, which the marker links to. */
	id: string
	shape: MarkerShape
	x: number
	y: number
	/** The accessible name and the native tooltip: everything the details box says, in one line. */
	title: string
	/** How many items share the marker (sections due the same day). */
	count: number
	heading: string
	lines: string[]
}

const MILESTONE_SHAPES: Record<MilestoneState, MarkerShape> = {
	done: 'done',
	waived: 'waived',
	overdue: 'overdue',
	due_soon: 'due-soon',
	upcoming: 'upcoming',
}

const SECTION_SHAPES: Record<SectionDueState, MarkerShape> = {
	delivered: 'section-delivered',
	overdue: 'overdue',
	due_soon: 'section-due-soon',
	upcoming: 'section-upcoming',
}

/** "in 3 days", "2 days late", "today". */
export function dueDistance(days: number): string {
	if (days === 0) return 'due today'
	return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} late`
}

type LaneSection = Timeline['lanes'][number]['sections'][number]
type SectionGroup = { dueOn: string; sections: LaneSection[] }

/** The dated sections of a lane, those due the same day together (one marker), by date. */
function groupByDueDate(sections: LaneSection[]): SectionGroup[] {
	const groups = new Map<string, LaneSection[]>()
	for (const section of sections) {
		if (section.dueOn === null) continue
		groups.set(section.dueOn, [...(groups.get(section.dueOn) ?? []), section])
	}
	return [...groups]
		.map(([dueOn, grouped]) => ({ dueOn, sections: grouped }))
		.sort((a, b) => a.dueOn.localeCompare(b.dueOn))
}

/** A section's status, and how far off its date is while that still matters. */
function sectionStanding(section: LaneSection): string {
	const status = SECTION_STATUS_LABELS[section.status]
	// Once handed in for review, how far off the date is no longer matters.
	if (section.dueState === 'delivered' || section.daysUntilDue === null) return status
	return `${status}, ${dueDistance(section.daysUntilDue)}`
}

/** Worst first: a group of sections shows the state of its most urgent one. */
const SECTION_URGENCY: SectionDueState[] = ['overdue', 'due_soon', 'upcoming', 'delivered']

function describeSections(group: SectionGroup, laneName: string): Omit<Marker, 'x' | 'y'> {
	const [first] = group.sections as [LaneSection]
	const due = `Due ${formatDate(group.dueOn, { weekday: true })}`
	const state =
		SECTION_URGENCY.find((candidate) => group.sections.some((section) => section.dueState === candidate)) ??
		'upcoming'
	if (group.sections.length === 1) {
		const lines = [due, sectionStanding(first), laneName]
		return {
			id: `section-${first.id}`,
			shape: SECTION_SHAPES[state],
			count: 1,
			heading: first.title,
			lines,
			title: `Section: ${first.title}. ${lines.join('. ')}.`,
		}
	}
	const heading = `${group.sections.length} sections`
	const lines = [
		due,
		...group.sections.map((section) => `${section.title}: ${sectionStanding(section)}`),
		laneName,
	]
	return {
		id: `section-${first.id}`,
		shape: SECTION_SHAPES[state],
		count: group.sections.length,
		heading,
		lines,
		title: `${heading}. ${lines.join('. ')}.`,
	}
}

/** Splits a lane name into at most two lines of about `width` characters. */
function wrapLabel(name: string, width = 26): string[] {
	const lines: string[] = []
	let line = ''
	for (const word of name.split(/\s+/)) {
		if (line && `${line} ${word}`.length > width) {
			lines.push(line)
			line = word
		} else line = line ? `${line} ${word}` : word
	}
	lines.push(line)
	if (lines.length <= 2) return lines
	return [
		lines[0] as string,
		`${lines
			.slice(1)
			.join(' ')
			.slice(0, width - 1)}…`,
	]
}

/** Puts each marker (sorted by x) on the first level where it does not touch its neighbour. */
function stack(xs: number[]): number[] {
	const lastX: number[] = []
	return xs.map((x) => {
		let level = lastX.findIndex((previous) => x - previous >= MARKER_GAP)
		if (level === -1) level = lastX.length
		lastX[level] = x
		return level
	})
}

function monthTicks(start: string, end: string) {
	const ticks: Array<{ date: string; label: string }> = []
	let [year, month] = start.split('-').map(Number) as [number, number]
	for (;;) {
		month++
		if (month > 12) {
			month = 1
			year++
		}
		const date = `${year}-${String(month).padStart(2, '0')}-01`
		if (date > end) return ticks
		const name = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(
			new Date(`${date}T00:00:00Z`),
		)
		ticks.push({ date, label: month === 1 || ticks.length === 0 ? `${name} ${year}` : name })
	}
}

/** The chart's geometry for one timeline. */
export function layoutTimeline(timeline: Pick<Timeline, 'phases' | 'lanes' | 'today' | 'publicationDate'>) {
	const { phases, lanes, today, publicationDate } = timeline
	const dates = [
		publicationDate,
		...phases.flatMap((phase) => [phase.startsOn, phase.endsOn]),
		...phases.flatMap((phase) => phase.milestones.map((milestone) => milestone.dueOn)),
		...lanes.flatMap((lane) => lane.sections.flatMap((section) => (section.dueOn ? [section.dueOn] : []))),
	].sort()
	// A few days either side so the first and last markers are not cut in half.
	const start = addDays(dates[0] ?? today, -4)
	const end = addDays(dates[dates.length - 1] ?? today, 4)
	const span = daysBetween(start, end) + 1
	const dayWidth = (PLOT_RIGHT - PLOT_LEFT) / span
	/** The left edge of a day. */
	const x = (date: string) => PLOT_LEFT + daysBetween(start, date) * dayWidth
	/** The middle of a day: where its markers and lines go. */
	const at = (date: string) => x(date) + dayWidth / 2

	const milestoneList = phases
		.flatMap((phase) => phase.milestones.map((milestone) => ({ ...milestone, phase: phase.kind })))
		.sort((a, b) => a.dueOn.localeCompare(b.dueOn))
	const milestoneLevels = stack(milestoneList.map((milestone) => at(milestone.dueOn)))
	const milestoneTop = BAND_TOP + BAND_HEIGHT + 10
	const milestoneHeight = Math.max(1, ...milestoneLevels.map((level) => level + 1)) * MARKER_LEVEL_HEIGHT + 12
	const markers: Marker[] = milestoneList.map((milestone, index) => {
		const state = MILESTONE_STATE_LABELS[milestone.state]
		const when =
			milestone.state === 'done' || milestone.state === 'waived' ? null : dueDistance(milestone.daysUntilDue)
		const lines = [
			`Due ${formatDate(milestone.dueOn, { weekday: true })}`,
			[state, when].filter(Boolean).join(', '),
			`${PHASE_LABELS[milestone.phase]} phase`,
			...(milestone.state === 'waived' && milestone.waivedReason
				? [`Reason: ${milestone.waivedReason}`]
				: []),
		]
		return {
			id: `milestone-${milestone.id}`,
			shape: MILESTONE_SHAPES[milestone.state],
			count: 1,
			x: at(milestone.dueOn),
			y: milestoneTop + 6 + MARKER_LEVEL_HEIGHT / 2 + (milestoneLevels[index] ?? 0) * MARKER_LEVEL_HEIGHT,
			heading: milestone.title,
			lines,
			title: `Milestone: ${milestone.title}. ${lines.join('. ')}.`,
		}
	})

	const lanesTop = milestoneTop + milestoneHeight + LANE_HEADER
	let laneTop = lanesTop
	const laneRows = lanes.map((lane) => {
		const top = laneTop
		const groups = groupByDueDate(lane.sections)
		const levels = stack(groups.map((group) => at(group.dueOn)))
		// Sections due within days of each other stack, and their lane grows to fit them.
		const height = LANE_HEIGHT + Math.max(0, ...levels) * MARKER_LEVEL_HEIGHT
		laneTop += height
		groups.forEach((group, index) => {
			markers.push({
				...describeSections(group, lane.name),
				x: at(group.dueOn),
				y: top + LANE_HEIGHT / 2 + (levels[index] ?? 0) * MARKER_LEVEL_HEIGHT,
			})
		})
		return { name: lane.name, label: wrapLabel(lane.name), top, height }
	})
	const plotBottom = laneTop
	const height = plotBottom + 30

	return {
		width: CHART_WIDTH,
		height,
		plotLeft: PLOT_LEFT,
		plotRight: PLOT_RIGHT,
		axisTop: AXIS_TOP,
		bandTop: BAND_TOP,
		bandBottom: BAND_TOP + BAND_HEIGHT,
		plotBottom,
		start,
		end,
		// A month starting at the very right edge has no room for its name.
		ticks: monthTicks(start, end)
			.map((tick) => ({ ...tick, x: x(tick.date) }))
			.filter((tick) => tick.x < PLOT_RIGHT - 28),
		bands: phases.map((phase) => {
			const left = x(phase.startsOn)
			// A phase covers its last day too: the band runs to the start of the next day.
			const right = x(addDays(phase.endsOn, 1))
			return {
				id: phase.id,
				kind: phase.kind,
				status: phase.status,
				name: PHASE_LABELS[phase.kind],
				statusLabel: PHASE_STATUS_LABELS[phase.status],
				// The axis shows the years; the band has room for short dates only.
				dates: `${formatShortDate(phase.startsOn)} – ${formatShortDate(phase.endsOn)}`,
				x: left,
				y: BAND_TOP,
				width: Math.max(right - left, 1),
				height: BAND_HEIGHT,
			}
		}),
		milestoneRow: { top: milestoneTop, height: milestoneHeight },
		lanes: laneRows,
		lanesTop,
		markers,
		today: { date: today, x: at(today), within: today >= start && today <= end, after: today > end },
		publication: { date: publicationDate, x: at(publicationDate) },
	}
}

export type TimelineLayout = ReturnType<typeof layoutTimeline>
