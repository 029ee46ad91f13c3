import { z } from 'zod'
import { ROLES, SECTORS } from '../domain.ts'
import { EmailSchema, nameSchema } from './fields.ts'
import { NewPasswordSchema } from './password.ts'

const email = EmailSchema

export const LoginSchema = z.object({
	email,
	password: z.string({ error: 'Enter your password.' }),
	redirectTo: z.string().optional(),
})

const name = nameSchema(120, 'Enter your name.')
const title = z.string().trim().max(120, 'Use at most 120 characters.').optional()

/**
 * A person's organization: one already known, or a new one with its sector. Exactly one of the
 * two must be given.
 */
const organization = {
	organizationId: z.string().optional(),
	newOrganizationName: z.string().trim().max(160, 'Use at most 160 characters.').optional(),
	newOrganizationSector: z.enum(SECTORS, { error: 'Choose the sector of the new organization.' }).optional(),
}

function requireOrganization(
	value: { organizationId?: string; newOrganizationName?: string; newOrganizationSector?: string },
	context: z.RefinementCtx,
) {
	if (value.organizationId) return
	if (!value.newOrganizationName) {
		context.addIssue({
			code: 'custom',
			path: ['organizationId'],
			message: 'Choose your organization, or add it below.',
		})
	} else if (!value.newOrganizationSector) {
		context.addIssue({
			code: 'custom',
			path: ['newOrganizationSector'],
			message: 'Choose the sector of the new organization.',
		})
	}
}

export const ProfileSchema = z
	.object({ intent: z.literal('profile'), name, title, ...organization })
	.superRefine(requireOrganization)

export const PasswordChangeSchema = z
	.object({
		intent: z.literal('password'),
		currentPassword: z.string({ error: 'Enter your current password.' }),
		newPassword: NewPasswordSchema,
		confirmPassword: z.string({ error: 'Enter the new password again.' }),
	})
	.refine((value) => value.newPassword === value.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The two new passwords are not the same.',
	})

export const InviteSchema = z.object({
	intent: z.literal('invite'),
	email,
	role: z.enum(ROLES, { error: 'Choose a role.' }),
	subcommitteeId: z.string().optional(),
})

export const AcceptInvitationSchema = z
	.object({
		name,
		title,
		...organization,
		password: NewPasswordSchema,
		confirmPassword: z.string({ error: 'Enter the password again.' }),
	})
	.superRefine(requireOrganization)
	.refine((value) => value.password === value.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The two passwords are not the same.',
	})
