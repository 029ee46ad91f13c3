import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { activity, assignments, sections, subcommittees } from '#db/schema/index.ts'
import {
	createSubcommittee,
	deleteSubcommittee,
	setSubcommitteeLead,
	updateSubcommitteeDetails,
} from '#server/subcommittees/subcommittee-changes.server.ts'
import { getSubcommittee } from '#server/subcommittees/subcommittee-page.server.ts'
import {
	createAssignment,
	createOwnedSection,
	createSubcommitteeRow,
	seat,
} from '../../factories/subcommittees.ts'
import { addMember, createTaskForce, createUser } from '../../factories/users.ts'
import { recordAccessChanges } from '../../support/access-changes.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const live = recordAccessChanges()

const T0 = Date.parse('2026-11-28T12:00:00Z')

function setting() {
	const { db } = createTempDatabase()
	const taskForce = createTaskForce(db)
	const chair = createUser(db, { name: 'Dana Whitfield' })
	addMember(db, taskForce.id, chair.id, 'co_chair')
	const existing = createSubcommitteeRow(db, taskForce.id, { name: 'Open Data and 311' })
	const reload = (id: string) => {
		const found = getSubcommittee(db, taskForce.id, id)
		if (!found) throw new Error(`no subcommittee ${id}`)
		return found
	}
	const verbs = () =>
		db
			.select({ verb: activity.verb, data: activity.data, subjectType: activity.subjectType })
			.from(activity)
			.all()
	return { db, taskForce, chair, existing, reload, verbs }
}

describe('creating and renaming', () => {
	test('a new subcommittee is stored and its creation recorded with its name', () => {
		const { db, taskForce, chair, verbs } = setting()
		const outcome = createSubcommittee(
			db,
			chair,
			taskForce.id,
			{ name: 'Workforce', charge: 'Train staff.' },
			T0,
		)
		expect(outcome.ok).toBe(true)
		const stored = db.select().from(subcommittees).where(eq(subcommittees.name, 'Workforce')).get()
		expect(stored?.charge).toBe('Train staff.')
		expect(verbs()).toEqual([
			{ verb: 'subcommittee.created', data: { name: 'Workforce' }, subjectType: 'subcommittee' },
		])
	})

	test('a name already used in the task force is refused, whatever its case', () => {
		const { db, taskForce, chair } = setting()
		const outcome = createSubcommittee(db, chair, taskForce.id, { name: 'open data AND 311', charge: '' }, T0)
		expect(outcome).toEqual({
			ok: false,
			field: 'name',
			message: 'Another subcommittee is already called “open data AND 311”.',
		})
		expect(db.select().from(subcommittees).all()).toHaveLength(1)
	})

	test('the same name in another task force is fine', () => {
		const { db, chair } = setting()
		const other = createTaskForce(db)
		addMember(db, other.id, chair.id, 'co_chair')
		expect(createSubcommittee(db, chair, other.id, { name: 'Open Data and 311', charge: '' }, T0).ok).toBe(
			true,
		)
	})

	test('renaming to a taken name is refused and nothing changes', () => {
		const { db, taskForce, chair, reload } = setting()
		const privacy = createSubcommitteeRow(db, taskForce.id, { name: 'Privacy' })
		const outcome = updateSubcommitteeDetails(
			db,
			chair,
			privacy,
			{ name: 'Open Data and 311', charge: 'x' },
			T0,
		)
		expect(outcome.ok).toBe(false)
		expect(reload(privacy.id)).toMatchObject({ name: 'Privacy', charge: '' })
	})

	test('renaming and rewriting the charge are recorded as two changes; a save without changes records none', () => {
		const { db, chair, existing, reload, verbs } = setting()
		updateSubcommitteeDetails(db, chair, existing, { name: 'Open Data and 311', charge: '' }, T0)
		expect(verbs()).toEqual([])
		const outcome = updateSubcommitteeDetails(
			db,
			chair,
			existing,
			{ name: 'Open Data', charge: 'Publish.' },
			T0,
		)
		expect(outcome).toEqual({ ok: true, renamed: true, chargeChanged: true })
		expect(reload(existing.id)).toMatchObject({ name: 'Open Data', charge: 'Publish.' })
		expect(verbs().map((entry) => [entry.verb, entry.data])).toEqual([
			['subcommittee.renamed', { from: 'Open Data and 311', to: 'Open Data' }],
			['subcommittee.charge_changed', { name: 'Open Data', from: '', to: 'Publish.' }],
		])
	})
})

describe('choosing the lead', () => {
	test('a member of the subcommittee can be chosen, and the change names both people', () => {
		const { db, taskForce, chair, existing, reload, verbs } = setting()
		const first = createUser(db, { name: 'Ana Ruiz' })
		const second = createUser(db, { name: 'Ben Okafor' })
		for (const person of [first, second]) addMember(db, taskForce.id, person.id)
		seat(db, existing.id, first.id, second.id)
		expect(setSubcommitteeLead(db, chair, existing, first.id, T0, live)).toEqual({
			ok: true,
			name: 'Ana Ruiz',
		})
		expect(setSubcommitteeLead(db, chair, reload(existing.id), second.id, T0, live).ok).toBe(true)
		expect(reload(existing.id).leadUserId).toBe(second.id)
		expect(verbs().map((entry) => entry.data)).toEqual([
			{ name: 'Open Data and 311', from: null, to: 'Ana Ruiz' },
			{ name: 'Open Data and 311', from: 'Ana Ruiz', to: 'Ben Okafor' },
		])
	})

	test('someone who is not a member of the subcommittee cannot be made its lead', () => {
		const { db, taskForce, chair, existing, reload, verbs } = setting()
		const outsider = createUser(db, { name: 'Cleo Park' })
		addMember(db, taskForce.id, outsider.id)
		expect(setSubcommitteeLead(db, chair, existing, outsider.id, T0, live)).toEqual({
			ok: false,
			field: 'leadUserId',
			message:
				'Cleo Park is not a member of this subcommittee. Add them as a member first, then choose them as lead.',
		})
		expect(setSubcommitteeLead(db, chair, existing, 'no-such-person', T0, live).ok).toBe(false)
		expect(reload(existing.id).leadUserId).toBeNull()
		expect(verbs()).toEqual([])
	})

	test('an observer left at the table cannot lead it', () => {
		const { db, taskForce, chair, existing } = setting()
		const observer = createUser(db, { name: 'Olive Grant' })
		addMember(db, taskForce.id, observer.id, 'observer')
		seat(db, existing.id, observer.id)
		const outcome = setSubcommitteeLead(db, chair, existing, observer.id, T0, live)
		expect(outcome.ok === false && outcome.message).toBe(
			'Olive Grant is an observer and cannot lead a subcommittee.',
		)
	})
})

describe('deleting', () => {
	test('a subcommittee with open assignments cannot be deleted, and says how many', () => {
		const { db, taskForce, chair, existing, reload } = setting()
		createAssignment(db, taskForce.id, existing.id, { status: 'in_progress' })
		createAssignment(db, taskForce.id, existing.id, { status: 'blocked' })
		createAssignment(db, taskForce.id, existing.id, { status: 'done' })
		expect(deleteSubcommittee(db, chair, existing, { sectionsConfirmed: true }, T0, live)).toEqual({
			ok: false,
			reason: 'open_assignments',
			count: 2,
		})
		expect(reload(existing.id).name).toBe('Open Data and 311')
	})

	test('its sections lose their owner only once the co-chair confirms it', () => {
		const { db, taskForce, chair, existing, verbs } = setting()
		const section = createOwnedSection(db, taskForce.id, existing.id)
		expect(deleteSubcommittee(db, chair, existing, { sectionsConfirmed: false }, T0, live)).toEqual({
			ok: false,
			reason: 'confirm_sections',
			count: 1,
		})
		expect(getSubcommittee(db, taskForce.id, existing.id)).not.toBeNull()

		expect(deleteSubcommittee(db, chair, existing, { sectionsConfirmed: true }, T0, live)).toEqual({
			ok: true,
			name: 'Open Data and 311',
		})
		expect(getSubcommittee(db, taskForce.id, existing.id)).toBeNull()
		const kept = db.select().from(sections).where(eq(sections.id, section.id)).get()
		expect(kept?.subcommitteeId).toBeNull()
		expect(verbs()).toEqual([
			{
				verb: 'subcommittee.deleted',
				data: { name: 'Open Data and 311', sectionsUnowned: 1 },
				subjectType: 'subcommittee',
			},
		])
	})

	test('a subcommittee whose assignments are all done can be deleted, and they go with it', () => {
		const { db, taskForce, chair, existing } = setting()
		createAssignment(db, taskForce.id, existing.id, { status: 'done' })
		expect(deleteSubcommittee(db, chair, existing, { sectionsConfirmed: false }, T0, live).ok).toBe(true)
		expect(db.select().from(assignments).all()).toEqual([])
	})
})
