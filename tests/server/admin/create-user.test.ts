import { count, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { Db } from '#db/client.server.ts'
import { activity, organizations, users } from '#db/schema/index.ts'
import { checkNewAccount, createUser } from '#server/admin/create-user.server.ts'
import { verifyPassword } from '#server/auth/password.server.ts'
import { createTempDatabase } from '../../support/temp-database.ts'

const PASSWORD = 'violet sunrise over oxen'
const NOW = Date.parse('2026-11-28T15:00:00Z')

function rows(db: Db) {
	return {
		users: db.select({ n: count() }).from(users).get()?.n,
		organizations: db.select({ n: count() }).from(organizations).get()?.n,
		activity: db.select({ n: count() }).from(activity).get()?.n,
	}
}

function ada(overrides: Partial<Parameters<typeof createUser>[1]> = {}) {
	return { email: 'Ada@City.gov', name: 'Ada Lovelace', ...overrides }
}

describe('creating an account from the command line', () => {
	test('stores a lower-cased email and an argon2 hash that the password verifies against', async () => {
		const { db } = createTempDatabase()
		const outcome = await createUser(db, ada({ title: 'Chief Data Officer', isAdmin: true }), PASSWORD, NOW)
		expect(outcome).toMatchObject({
			ok: true,
			value: { email: 'ada@city.gov', isAdmin: true, organization: null },
		})
		const user = db.select().from(users).get()
		expect(user).toMatchObject({
			email: 'ada@city.gov',
			name: 'Ada Lovelace',
			title: 'Chief Data Officer',
			isAdmin: true,
		})
		expect(user?.passwordHash).toMatch(/^\$argon2id\$/)
		expect(await verifyPassword(user?.passwordHash ?? null, PASSWORD)).toBe(true)
	})

	test('an account is not an instance admin unless asked for', async () => {
		const { db } = createTempDatabase()
		await createUser(db, ada(), PASSWORD, NOW)
		expect(db.select({ isAdmin: users.isAdmin }).from(users).get()?.isAdmin).toBe(false)
	})

	test('the audit trail records the new account and never its password', async () => {
		const { db } = createTempDatabase()
		const outcome = await createUser(db, ada(), PASSWORD, NOW)
		const entry = db.select().from(activity).get()
		expect(entry).toMatchObject({
			verb: 'account.created',
			subjectType: 'user',
			actorId: null,
			taskForceId: null,
			at: NOW,
		})
		expect(entry?.subjectId).toBe(outcome.ok ? outcome.value.id : 'missing')
		expect(JSON.stringify(entry)).not.toContain(PASSWORD)
		expect(JSON.stringify(entry)).not.toContain('argon2')
	})

	test('an email that already has an account, in any letter case, is refused and nothing is written', async () => {
		const { db } = createTempDatabase()
		await createUser(db, ada(), PASSWORD, NOW)
		const before = rows(db)
		const outcome = await createUser(db, ada({ email: 'ADA@city.gov ', name: 'Someone Else' }), PASSWORD, NOW)
		expect(outcome).toEqual({
			ok: false,
			reason: 'refused',
			field: 'email',
			message: 'An account with the email ada@city.gov already exists.',
		})
		expect(rows(db)).toEqual(before)
	})

	test.each([
		['too short', 'short-pass', 'at least 12 characters'],
		['a common password', 'password1234', 'commonly used'],
		['the email address itself', 'ada-2026-secret-ada', 'does not contain your email'],
	])('a password that is %s is refused and nothing is written', async (_, password, reason) => {
		const { db } = createTempDatabase()
		const outcome = await createUser(db, ada({ email: 'ada-2026-secret@city.gov' }), password, NOW)
		expect(outcome).toMatchObject({ ok: false, reason: 'refused', field: 'password' })
		expect(outcome.ok ? '' : outcome.message).toContain(reason)
		expect(rows(db)).toEqual({ users: 0, organizations: 0, activity: 0 })
	})

	test('a malformed email is invalid input, caught before any password is asked for', () => {
		const { db } = createTempDatabase()
		expect(checkNewAccount(db, ada({ email: 'ada at city' }))).toMatchObject({
			ok: false,
			reason: 'invalid',
			field: 'email',
		})
	})

	test('a blank name is invalid input', async () => {
		const { db } = createTempDatabase()
		expect(await createUser(db, ada({ name: '   ' }), PASSWORD, NOW)).toMatchObject({
			reason: 'invalid',
			field: 'name',
		})
	})
})

describe("an account's organization", () => {
	test('a new organization is added with its sector', async () => {
		const { db } = createTempDatabase()
		const outcome = await createUser(
			db,
			ada({ organization: 'City of Springfield', sector: 'local_government' }),
			PASSWORD,
			NOW,
		)
		expect(outcome).toMatchObject({
			ok: true,
			value: { organization: { name: 'City of Springfield', created: true } },
		})
		const organization = db.select().from(organizations).get()
		expect(organization).toMatchObject({ name: 'City of Springfield', sector: 'local_government' })
		expect(db.select({ organizationId: users.organizationId }).from(users).get()?.organizationId).toBe(
			organization?.id,
		)
	})

	test('an existing organization of the same name in another letter case is reused, not twinned', async () => {
		const { db } = createTempDatabase()
		await createUser(
			db,
			ada({ organization: 'City of Springfield', sector: 'local_government' }),
			PASSWORD,
			NOW,
		)
		const outcome = await createUser(
			db,
			{ email: 'bob@city.gov', name: 'Bob Ross', organization: 'city of SPRINGFIELD' },
			PASSWORD,
			NOW,
		)
		expect(outcome).toMatchObject({
			ok: true,
			value: { organization: { name: 'City of Springfield', created: false } },
		})
		expect(rows(db).organizations).toBe(1)
		const [first, second] = db.select({ organizationId: users.organizationId }).from(users).all()
		expect(second?.organizationId).toBe(first?.organizationId)
	})

	test('an unknown organization without a sector is invalid input and nothing is written', async () => {
		const { db } = createTempDatabase()
		const outcome = await createUser(db, ada({ organization: 'Nowhere University' }), PASSWORD, NOW)
		expect(outcome).toMatchObject({ ok: false, reason: 'invalid', field: 'sector' })
		expect(rows(db)).toEqual({ users: 0, organizations: 0, activity: 0 })
	})

	test('a sector that contradicts the existing organization is refused', async () => {
		const { db } = createTempDatabase()
		await createUser(
			db,
			ada({ organization: 'City of Springfield', sector: 'local_government' }),
			PASSWORD,
			NOW,
		)
		const outcome = await createUser(
			db,
			{ email: 'bob@city.gov', name: 'Bob Ross', organization: 'City of Springfield', sector: 'university' },
			PASSWORD,
			NOW,
		)
		expect(outcome).toMatchObject({ ok: false, reason: 'refused', field: 'sector' })
		expect(db.select().from(users).where(eq(users.email, 'bob@city.gov')).get()).toBeUndefined()
	})

	test('a sector that is not one of the five is invalid input', async () => {
		const { db } = createTempDatabase()
		const outcome = await createUser(db, ada({ organization: 'Acme', sector: 'business' }), PASSWORD, NOW)
		expect(outcome).toMatchObject({ ok: false, reason: 'invalid', field: 'sector' })
	})

	test('a sector without an organization is invalid input', async () => {
		const { db } = createTempDatabase()
		expect(await createUser(db, ada({ sector: 'university' }), PASSWORD, NOW)).toMatchObject({
			reason: 'invalid',
			field: 'sector',
		})
	})

	test('when any write fails, neither the account nor its new organization is left behind', async () => {
		const { db } = createTempDatabase()
		db.run(
			sql`create trigger fail_audit before insert on activity begin select raise(abort, 'audit is down'); end`,
		)
		await expect(
			createUser(db, ada({ organization: 'City of Springfield', sector: 'local_government' }), PASSWORD, NOW),
		).rejects.toThrow('audit is down')
		expect(rows(db)).toEqual({ users: 0, organizations: 0, activity: 0 })
	})
})
