import { eq } from 'drizzle-orm'
import { subcommittees, taskForces, users } from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { createAssignment } from '#server/assignments/create.server.ts'
import { createTempDatabase } from './temp-database.ts'

/**
 * The demo seeded into a fresh SQLite file as of `now`, with its "genai" task force, a person by
 * email, and a co-chair's way to assign work there (through the real operation).
 */
export async function genaiDemo(now: number) {
	const { db } = createTempDatabase()
	await seedDemo(db, { today: new Date(now) })
	const taskForce = db.select().from(taskForces).where(eq(taskForces.slug, 'genai')).get()
	if (!taskForce) throw new Error('the demo has no genai task force')
	const person = (email: string) => {
		const row = db.select().from(users).where(eq(users.email, email)).get()
		if (!row) throw new Error(`the demo has no ${email}`)
		return row
	}
	const chair = person('cochair@demo.test')
	const subcommittee = db
		.select({ id: subcommittees.id })
		.from(subcommittees)
		.where(eq(subcommittees.taskForceId, taskForce.id))
		.get()
	if (!subcommittee) throw new Error('the demo has no subcommittee')
	/** The co-chair assigns `title` to `assigneeId`; the new assignment's id. */
	const assign = (title: string, assigneeId: string, at: number) => {
		const created = createAssignment(db, {
			taskForceId: taskForce.id,
			actor: { id: chair.id, isAdmin: false },
			input: {
				title,
				details: '',
				subcommitteeId: subcommittee.id,
				sectionId: undefined,
				assigneeId,
				phaseKind: 'writing',
				dueOn: '2026-12-10',
			},
			now: at,
		})
		if (created.kind !== 'created') throw new Error(`assignment not created: ${JSON.stringify(created)}`)
		return created.id
	}
	return { db, taskForce, person, chair, writer: person('writer@demo.test'), assign }
}
