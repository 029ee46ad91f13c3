import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, sections, sectionVersions, taskForces } from '#db/schema/index.ts'
import { advancePhase } from '#server/phases/advance.server.ts'
import { reopenPhase } from '#server/phases/reopen.server.ts'
import { writeAccessShift } from '#server/phases/write-access-shift.server.ts'
import { describeActivity } from '#shared/activity.ts'
import { describeWriteShift } from '#shared/phase-change.ts'
import { createSection, readPhases } from '../../factories/schedule.ts'
import { createSubcommitteeRow, seat } from '../../factories/subcommittees.ts'
import { addMember, createUser } from '../../factories/users.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { NOW, scheduleSetting, thrownResponse } from './setting.ts'

const REASON = 'Two sections were sent to editing by mistake; they need another week.'

/** A writing task force with one subcommittee (a lead, the member) owning one of two sections. */
function ownedSetting(options: Parameters<typeof scheduleSetting>[0] = {}) {
	const setting = scheduleSetting(options)
	const { db, taskForce, member } = setting
	const lead = createUser(db, { name: 'Ana Reyes' })
	addMember(db, taskForce.id, lead.id, 'member')
	const subcommittee = createSubcommitteeRow(db, taskForce.id, { leadUserId: lead.id })
	seat(db, subcommittee.id, member.id, lead.id)
	const owned = createSection(db, taskForce.id, { title: 'Use cases', status: 'in_review' })
	db.update(sections).set({ subcommitteeId: subcommittee.id }).where(eq(sections.id, owned.id)).run()
	createSection(db, taskForce.id, { title: 'Foreword', status: 'in_review' })
	return { ...setting, lead, subcommittee, owned }
}

function reopenedEntries(db: ReturnType<typeof scheduleSetting>['db']) {
	return db.select().from(activity).where(eq(activity.verb, 'phase.reopened')).all()
}

describe('reopening the previous phase', () => {
	test('editing goes back to upcoming, writing is active again, the versions stay and sockets are told', () => {
		const { db, taskForce, chair, actor, standing } = ownedSetting()
		advancePhase(db, { taskForceId: taskForce.id, actor: actor(chair), from: 'writing', now: NOW }, live())
		const versions = db.select().from(sectionVersions).all().length
		expect(versions).toBe(2)
		const changes = recordAccessChanges()
		const outcome = reopenPhase(
			db,
			{
				taskForceId: taskForce.id,
				actor: actor(chair),
				from: 'editing',
				reason: ` ${REASON} `,
				now: NOW + 60_000,
			},
			changes,
		)
		expect(outcome).toEqual({ ok: true, from: 'editing', to: 'writing' })
		const phases = readPhases(db, taskForce.id)
		expect(phases.writing).toMatchObject({ status: 'active', completedAt: null, revision: 2 })
		expect(phases.editing).toMatchObject({ status: 'upcoming', enteredAt: null, revision: 2 })
		expect(db.select().from(sectionVersions).all()).toHaveLength(versions)
		expect(changes.scopes).toEqual([{ taskForceId: taskForce.id }])
		const [entry] = reopenedEntries(db)
		expect(entry).toMatchObject({ actorId: chair.id, taskForceId: taskForce.id })
		expect(entry?.data).toEqual({ from: 'editing', to: 'writing', reason: REASON })
		expect(describeActivity('phase.reopened', entry?.data as Record<string, unknown>)).toBe(
			`reopened Writing, moving back from Editing (“${REASON}”)`,
		)
		expect(standing(chair).state.activePhase).toBe('writing')
	})

	test('a reason shorter than 10 characters is refused; nothing changes and no socket is told', () => {
		const { db, taskForce, chair, actor } = scheduleSetting({ active: 'editing' })
		const changes = recordAccessChanges()
		const outcome = reopenPhase(
			db,
			{ taskForceId: taskForce.id, actor: actor(chair), from: 'editing', reason: ' oops ', now: NOW },
			changes,
		)
		expect(outcome).toMatchObject({ ok: false, field: 'reason' })
		expect(readPhases(db, taskForce.id).editing.status).toBe('active')
		expect(reopenedEntries(db)).toEqual([])
		expect(changes.scopes).toEqual([])
	})

	test('a stale page (the phase moved since) is refused instead of reopening the wrong phase', () => {
		const { db, taskForce, chair, actor } = scheduleSetting({ active: 'publishing' })
		const outcome = reopenPhase(
			db,
			{ taskForceId: taskForce.id, actor: actor(chair), from: 'editing', reason: REASON, now: NOW },
			live(),
		)
		expect(outcome).toMatchObject({ ok: false, field: 'from' })
		expect(readPhases(db, taskForce.id).publishing.status).toBe('active')
	})

	test('members and observers get 403; so does a co-chair in the first phase or after publication', () => {
		const { db, taskForce, member, observer, actor } = scheduleSetting({ active: 'editing' })
		for (const person of [member, observer]) {
			const response = thrownResponse(() =>
				reopenPhase(
					db,
					{ taskForceId: taskForce.id, actor: actor(person), from: 'editing', reason: REASON, now: NOW },
					live(),
				),
			)
			expect(response.status).toBe(403)
		}
		expect(readPhases(db, taskForce.id).editing.status).toBe('active')

		const research = scheduleSetting({ active: 'research' })
		const first = thrownResponse(() =>
			reopenPhase(
				research.db,
				{
					taskForceId: research.taskForce.id,
					actor: research.actor(research.chair),
					from: 'research',
					reason: REASON,
					now: NOW,
				},
				live(),
			),
		)
		expect(first.status).toBe(403)

		const published = scheduleSetting({ active: 'publishing' })
		const chair = published.actor(published.chair)
		published.db.update(taskForces).set({ status: 'published' }).run()
		const final = thrownResponse(() =>
			reopenPhase(
				published.db,
				{ taskForceId: published.taskForce.id, actor: chair, from: 'publishing', reason: REASON, now: NOW },
				live(),
			),
		)
		expect(final.status).toBe(403)
		expect(readPhases(published.db, published.taskForce.id).publishing.status).toBe('active')
	})
})

describe('what a phase change does to write access, from the data and the policy', () => {
	test('writing → editing: the members lose their section, the lead and co-chair keep theirs', () => {
		const { db, taskForce } = ownedSetting()
		const shift = writeAccessShift(
			db,
			taskForce.id,
			{ status: 'active', activePhase: 'writing', observersMayComment: false },
			{ status: 'active', activePhase: 'editing', observersMayComment: false },
		)
		expect(shift).toEqual({
			loses: [{ relation: 'member', people: 1, subcommittees: 1, sections: 1 }],
			gains: [],
			keeps: ['lead', 'co_chair'],
			sections: 2,
		})
		expect(describeWriteShift(shift)).toEqual([
			'Members of 1 subcommittee (1 person) lose write access to its 1 section.',
			'Co-chairs and subcommittee leads keep theirs.',
		])
	})

	test('editing → writing (reopening) gives the members their section back', () => {
		const { db, taskForce } = ownedSetting()
		const shift = writeAccessShift(
			db,
			taskForce.id,
			{ status: 'active', activePhase: 'editing', observersMayComment: false },
			{ status: 'active', activePhase: 'writing', observersMayComment: false },
		)
		expect(describeWriteShift(shift)).toEqual([
			'Members of 1 subcommittee (1 person) get write access back to its 1 section.',
			'Co-chairs and subcommittee leads keep theirs.',
		])
	})

	test('publishing → published: co-chairs lose write access to every section too', () => {
		const { db, taskForce } = ownedSetting()
		const shift = writeAccessShift(
			db,
			taskForce.id,
			{ status: 'active', activePhase: 'publishing', observersMayComment: false },
			{ status: 'published', activePhase: null, observersMayComment: false },
		)
		expect(shift.loses).toEqual([{ relation: 'co_chair', people: 1, subcommittees: 1, sections: 2 }])
		expect(shift.keeps).toEqual([])
	})

	test('an approved section is already the co-chairs’ alone: it is not counted as lost', () => {
		const { db, taskForce, owned } = ownedSetting()
		db.update(sections).set({ status: 'approved' }).where(eq(sections.id, owned.id)).run()
		const shift = writeAccessShift(
			db,
			taskForce.id,
			{ status: 'active', activePhase: 'writing', observersMayComment: false },
			{ status: 'active', activePhase: 'editing', observersMayComment: false },
		)
		expect(describeWriteShift(shift)).toEqual(['Nobody’s write access changes.'])
	})
})

function live() {
	return recordAccessChanges()
}
