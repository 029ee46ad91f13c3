import type * as t from '../schema/index.ts'
import type { Random } from './random.ts'

type Activity = typeof t.activity.$inferInsert
type Milestone = typeof t.milestones.$inferInsert
type Assignment = typeof t.assignments.$inferInsert

const HOUR = 3_600_000

/**
 * The activity a real task force would have by now: the phase change into writing, completed
 * milestones, and each assignment's creation and status changes — only events in the past, in the
 * same shapes the app writes, so the feed and the dashboard read naturally.
 */
export function seedHistory(options: {
	random: Random
	taskForceId: string
	now: number
	coChairId: string
	writingPhaseId: string
	milestones: Milestone[]
	assignments: Assignment[]
}): Activity[] {
	const { random, taskForceId, now } = options
	const events: Activity[] = []
	const add = (event: Omit<Activity, 'id' | 'taskForceId'>) => {
		if (event.at <= now) events.push({ id: random.id(), taskForceId, ...event })
	}
	const writing = options.milestones.find((milestone) => milestone.phaseId === options.writingPhaseId)
	add({
		actorId: options.coChairId,
		verb: 'phase.advanced',
		subjectType: 'phase',
		subjectId: options.writingPhaseId,
		data: { from: 'research', to: 'writing', override: false },
		at: writing ? Date.parse(`${writing.dueOn}T15:00:00Z`) - 20 * 24 * HOUR : now - 28 * 24 * HOUR,
	})
	for (const milestone of options.milestones) {
		if (!milestone.completedAt) continue
		add({
			actorId: milestone.completedBy ?? null,
			verb: 'milestone.completed',
			subjectType: 'milestone',
			subjectId: milestone.id,
			data: { title: milestone.title },
			at: milestone.completedAt,
		})
	}
	for (const assignment of options.assignments) {
		const base = { subjectType: 'assignment', subjectId: assignment.id }
		const title = assignment.title
		add({
			...base,
			actorId: assignment.createdBy ?? null,
			verb: 'assignment.created',
			data: { title },
			at: assignment.createdAt,
		})
		const actor = assignment.assigneeId ?? assignment.createdBy ?? null
		const started = assignment.createdAt + random.int(24, 96) * HOUR
		if (assignment.status !== 'todo') {
			add({
				...base,
				actorId: actor,
				verb: 'assignment.status_changed',
				data: { title, from: 'todo', to: 'in_progress' },
				at: started,
			})
		}
		if (assignment.status === 'blocked') {
			add({
				...base,
				actorId: actor,
				verb: 'assignment.status_changed',
				data: { title, from: 'in_progress', to: 'blocked', reason: assignment.blockedReason },
				at: started + random.int(24, 72) * HOUR,
			})
		}
		if (assignment.status === 'done' && assignment.completedAt) {
			add({
				...base,
				actorId: actor,
				verb: 'assignment.status_changed',
				data: { title, from: 'in_progress', to: 'done' },
				at: assignment.completedAt,
			})
		}
	}
	return events.sort((a, b) => a.at - b.at)
}
