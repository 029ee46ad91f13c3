import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Queryable } from '#db/client.server.ts'
import { createId } from '#db/ids.ts'
import { organizations, users } from '#db/schema/index.ts'
import { SECTORS, type Sector } from '#shared/domain.ts'
import { EmailSchema as EmailField, nameSchema as nameField } from '#shared/validation/fields.ts'
import { recordActivity } from '../activity/record.server.ts'
import { hashPassword, passwordProblem } from '../auth/password.server.ts'
import { invalidInput, type Outcome, refused } from './outcome.ts'

const NewAccountSchema = z
	.object({
		email: EmailField,
		name: nameField(120),
		title: z.string().trim().max(120, 'Use at most 120 characters.').optional(),
		isAdmin: z.boolean().default(false),
		organization: nameField(160).optional(),
		sector: z.enum(SECTORS, { error: `Use one of ${SECTORS.join(', ')}.` }).optional(),
	})
	.refine((value) => !value.sector || value.organization, {
		path: ['sector'],
		message: 'A sector belongs to an organization: give the organization too.',
	})

/** A new account as given: `sector` is checked against SECTORS here, so any text is accepted. */
export type NewAccount = Omit<z.input<typeof NewAccountSchema>, 'sector'> & { sector?: string }

type Organization = { id: string; name: string; sector: Sector; created: boolean }
type AccountPlan = z.output<typeof NewAccountSchema> & { organizationRow: Organization | null }

export type CreatedUser = {
	id: string
	email: string
	name: string
	isAdmin: boolean
	organization: Omit<Organization, 'id'> | null
}

/** The fields of a new account, checked and normalised, before any database is opened. */
export function validateNewAccount(input: NewAccount): Outcome<z.output<typeof NewAccountSchema>> {
	const parsed = NewAccountSchema.safeParse(input)
	return parsed.success ? { ok: true, value: parsed.data } : invalidInput(parsed.error)
}

/**
 * Everything that can refuse a new account except its password: the fields, a taken email, the
 * organization. Runs before the password is asked for, and again inside the write's transaction.
 * A new organization gets its id here but is only inserted by `createUser`.
 */
export function checkNewAccount(db: Queryable, input: NewAccount): Outcome<AccountPlan> {
	const valid = validateNewAccount(input)
	if (!valid.ok) return valid
	const account = valid.value
	if (db.select({ id: users.id }).from(users).where(eq(users.email, account.email)).get()) {
		return refused(`An account with the email ${account.email} already exists.`, 'email')
	}
	if (!account.organization) return { ok: true, value: { ...account, organizationRow: null } }
	const found = db
		.select()
		.from(organizations)
		.where(sql`lower(${organizations.name}) = lower(${account.organization})`)
		.get()
	if (found) {
		if (account.sector && account.sector !== found.sector) {
			return refused(
				`The organization “${found.name}” already exists with sector ${found.sector}; leave the sector out or use ${found.sector}.`,
				'sector',
			)
		}
		return { ok: true, value: { ...account, organizationRow: { ...found, created: false } } }
	}
	if (!account.sector) {
		return {
			ok: false,
			reason: 'invalid',
			field: 'sector',
			message: `No organization is named “${account.organization}” yet; give its sector to add it (${SECTORS.join(', ')}).`,
		}
	}
	const created = { id: createId(), name: account.organization, sector: account.sector, created: true }
	return { ok: true, value: { ...account, organizationRow: created } }
}

/**
 * Creates an account that can sign in at once, with an argon2id hash of `password`. The account,
 * a new organization and the audit entry are written in one transaction or not at all.
 */
export async function createUser(
	db: Db,
	input: NewAccount,
	password: string,
	now = Date.now(),
): Promise<Outcome<CreatedUser>> {
	const check = checkNewAccount(db, input)
	if (!check.ok) return check
	const problem = passwordProblem(password, check.value.email)
	if (problem) return refused(`The password is not acceptable. ${problem}`, 'password')
	// Hashing takes a while and cannot run inside a synchronous transaction; the checks are
	// repeated inside it in case another process created the same email meanwhile.
	const passwordHash = await hashPassword(password)
	return db.transaction((tx): Outcome<CreatedUser> => {
		const again = checkNewAccount(tx, input)
		if (!again.ok) return again
		return { ok: true, value: insertAccount(tx, again.value, passwordHash, now) }
	})
}

function insertAccount(tx: Queryable, plan: AccountPlan, passwordHash: string, now: number): CreatedUser {
	const organization = plan.organizationRow
	if (organization?.created) {
		tx.insert(organizations)
			.values({ id: organization.id, name: organization.name, sector: organization.sector })
			.run()
	}
	const id = createId()
	tx.insert(users)
		.values({
			id,
			email: plan.email,
			name: plan.name,
			title: plan.title || null,
			organizationId: organization?.id ?? null,
			passwordHash,
			isAdmin: plan.isAdmin,
			createdAt: now,
		})
		.run()
	recordActivity(
		tx,
		{
			actorId: null,
			verb: 'account.created',
			subjectType: 'user',
			subjectId: id,
			data: { via: 'admin-cli', isAdmin: plan.isAdmin, organizationCreated: organization?.created ?? false },
		},
		now,
	)
	return {
		id,
		email: plan.email,
		name: plan.name,
		isAdmin: plan.isAdmin,
		organization: organization && {
			name: organization.name,
			sector: organization.sector,
			created: organization.created,
		},
	}
}
