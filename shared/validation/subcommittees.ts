import { z } from 'zod'
import { nameSchema } from './fields.ts'

/** A subcommittee's name: shown as a card title and in every list of subcommittees. */
export const SUBCOMMITTEE_NAME_MAX = 120

/** A charge is a paragraph or a few, not a document; the document itself holds the long text. */
export const SUBCOMMITTEE_CHARGE_MAX = 4000

/** The longest search a member search accepts; longer text cannot be a name, email or organization. */
export const MEMBER_SEARCH_MAX = 100

const name = nameSchema(SUBCOMMITTEE_NAME_MAX, 'Enter a name for the subcommittee.')

// Conform sends an emptied textarea as a missing value; both mean "no charge".
const charge = z
	.string()
	.trim()
	.max(SUBCOMMITTEE_CHARGE_MAX, `Use at most ${SUBCOMMITTEE_CHARGE_MAX.toLocaleString('en-US')} characters.`)
	.optional()
	.transform((value) => value ?? '')

/** Creating a subcommittee (co-chairs, on the subcommittees page). */
export const CreateSubcommitteeSchema = z.object({ intent: z.literal('create'), name, charge })

/** Renaming a subcommittee and rewriting its charge, in one form. */
export const SubcommitteeDetailsSchema = z.object({ intent: z.literal('details'), name, charge })

/** Choosing the lead among the subcommittee's members; empty means "no lead". */
export const SubcommitteeLeadSchema = z.object({
	intent: z.literal('lead'),
	leadUserId: z.string().trim().optional(),
})

/** The member search on a subcommittee's page (a GET form, so it works without JavaScript). */
export const MemberSearchSchema = z
	.string()
	.trim()
	.max(MEMBER_SEARCH_MAX, `Use at most ${MEMBER_SEARCH_MAX} characters.`)
