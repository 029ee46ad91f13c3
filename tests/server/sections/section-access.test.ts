import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { sections, users } from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { decideSectionAccess } from '#server/sections/section-access.server.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

async function demo() {
	const { db } = createTempDatabase()
	await seedDemo(db, { today: new Date('2026-11-28T15:00:00Z') })
	const person = (email: string) => {
		const user = db.select().from(users).where(eq(users.email, email)).get()
		if (!user) throw new Error(email)
		return { id: user.id, isAdmin: user.isAdmin }
	}
	const section = db
		.select()
		.from(sections)
		.where(eq(sections.title, 'Community engagement and transparency'))
		.get()
	return { db, person, sectionId: section?.id ?? '' }
}

test('the page and the socket get the same answer, with the reason a person may not write', async () => {
	const { db, person, sectionId } = await demo()
	expect(decideSectionAccess(db, person('writer@demo.test'), sectionId)).toMatchObject({
		access: 'write',
		readOnlyReason: null,
	})
	expect(decideSectionAccess(db, person('observer@demo.test'), sectionId)).toMatchObject({
		access: 'read',
		readOnlyReason: 'observer',
	})
	expect(decideSectionAccess(db, person('outsider@demo.test'), sectionId)).toMatchObject({
		access: 'comment',
		readOnlyReason: 'other_subcommittee',
	})
	expect(decideSectionAccess(db, person('admin@demo.test'), sectionId)?.access).toBe('none')
})

test('a removed section is gone for editors and sockets alike', async () => {
	const { db, person, sectionId } = await demo()
	db.update(sections).set({ removedAt: Date.now() }).where(eq(sections.id, sectionId)).run()
	expect(decideSectionAccess(db, person('writer@demo.test'), sectionId)).toBeNull()
})
