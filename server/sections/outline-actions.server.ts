import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { Db } from '#db/client.server.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import {
	addSectionSchema,
	editSectionSchema,
	MoveSectionSchema,
	type OutlineContext,
	RemoveSectionSchema,
	RestoreSectionSchema,
	SectionStatusSchema,
} from '#shared/validation/sections.ts'
import type { AccessChanges } from '../context.server.ts'
import { forbidden } from '../http/responses.server.ts'
import { mayMoveSectionStatuses } from '../policies/outline.server.ts'
import { listSubcommittees } from '../subcommittees/lists.server.ts'
import type { TaskForceRequest } from '../task-forces/access.server.ts'
import { getRun } from '../task-forces/run.server.ts'
import { createSection, moveSection, removeSection, restoreSection, updateSection } from './outline.server.ts'
import { requireOutlineManager, type SectionActor, type SectionRefusal } from './records.server.ts'
import { changeSectionStatus } from './status.server.ts'

/** The page's answer to one submission: which form it belongs to, and the words to show. */
type OutlineActionBody = {
	/** The Conform form the result belongs to (e.g. `section-edit-<id>`), so only it shows errors. */
	formId: string | null
	result?: SubmissionResult<string[]>
	notice: string | null
	error: string | null
	/** The section the answer is about, so the page can show it there. */
	sectionId: string | null
}

export type OutlineActionOutcome = { status: 200 | 400 | 409; body: OutlineActionBody }

function ok(notice: string, fields: Partial<OutlineActionBody> = {}): OutlineActionOutcome {
	return { status: 200, body: { formId: null, notice, error: null, sectionId: null, ...fields } }
}

function refused(fields: Partial<OutlineActionBody>, status: 400 | 409 = 400): OutlineActionOutcome {
	return { status, body: { formId: null, notice: null, error: null, sectionId: null, ...fields } }
}

/** A refusal from an operation: next to its field when it has one, else as the page's error. */
function fromRefusal(
	refusal: SectionRefusal,
	formId: string | null,
	sectionId: string | null,
	reply?: (options: { fieldErrors: Record<string, string[]> }) => SubmissionResult<string[]>,
): OutlineActionOutcome {
	if (refusal.field && reply)
		return refused(
			{ formId, sectionId, result: reply({ fieldErrors: { [refusal.field]: [refusal.message] } }) },
			refusal.status,
		)
	return refused({ formId, sectionId, error: refusal.message }, refusal.status)
}

/** What the section forms are checked against right now: the run and the task force's subcommittees. */
function outlineContext(db: Db, taskForce: TaskForceRequest['taskForce']): OutlineContext {
	return {
		run: getRun(db, taskForce),
		subcommitteeIds: listSubcommittees(db, taskForce.id).map((subcommittee) => subcommittee.id),
	}
}

/**
 * One submission of the document page, by intent, validated by the same schemas as the forms.
 * Outline changes are the co-chairs' (403 for anyone else, before anything is read); a status move
 * is decided by the section policy inside its operation. Unknown sections are 404.
 */
export function handleOutlineAction(
	db: Db,
	access: TaskForceRequest,
	documentId: string,
	formData: FormData,
	at: Date,
	live: AccessChanges,
): OutlineActionOutcome {
	const { viewer, taskForce, membership, state } = access
	const actor: SectionActor = { id: viewer.id, isAdmin: viewer.isAdmin, taskForceId: taskForce.id }
	const now = at.getTime()
	const intent = String(formData.get('intent') ?? '')

	if (intent === 'status') {
		if (!mayMoveSectionStatuses(membership, state)) throw forbidden()
		const sectionId = String(formData.get('sectionId') ?? '')
		const formId = `section-send-back-${sectionId}`
		const submission = parseWithZod(formData, { schema: SectionStatusSchema })
		if (submission.status !== 'success')
			return refused({ formId, sectionId, result: submission.reply() }, 400)
		const outcome = changeSectionStatus(db, actor, documentId, sectionId, submission.value, now, live)
		if (!outcome.ok) return fromRefusal(outcome, formId, sectionId, submission.reply)
		const { move, title } = outcome
		const what = move.note
			? `“${title}” went back to drafting with your note.`
			: `“${title}” is ${SECTION_STATUS_LABELS[move.to].toLowerCase()} now.`
		return ok(what, { formId, sectionId, result: submission.reply({ resetForm: true }) })
	}

	requireOutlineManager(db, actor)
	if (intent === 'add') {
		const formId = 'section-add'
		const submission = parseWithZod(formData, { schema: addSectionSchema(outlineContext(db, taskForce)) })
		if (submission.status !== 'success') return refused({ formId, result: submission.reply() })
		const outcome = createSection(db, actor, documentId, submission.value, now)
		if (!outcome.ok) return fromRefusal(outcome, formId, null, submission.reply)
		return ok(`“${submission.value.title}” was added as section ${outcome.position}.`, {
			formId,
			sectionId: outcome.id,
			result: submission.reply({ resetForm: true }),
		})
	}
	if (intent === 'edit') {
		const sectionId = String(formData.get('sectionId') ?? '')
		const formId = `section-edit-${sectionId}`
		const submission = parseWithZod(formData, { schema: editSectionSchema(outlineContext(db, taskForce)) })
		if (submission.status !== 'success') return refused({ formId, sectionId, result: submission.reply() })
		const outcome = updateSection(db, actor, documentId, sectionId, submission.value, now, live)
		if (!outcome.ok) return fromRefusal(outcome, formId, sectionId, submission.reply)
		const notice =
			outcome.renamed || outcome.changed ? `“${submission.value.title}” is saved.` : 'Nothing had changed.'
		return ok(notice, { formId, sectionId, result: submission.reply() })
	}
	if (intent === 'move') {
		const submission = parseWithZod(formData, { schema: MoveSectionSchema })
		if (submission.status !== 'success') return refused({ error: 'Reload the page and try again.' })
		const { sectionId, direction, position } = submission.value
		const outcome = moveSection(db, actor, documentId, sectionId, direction, position, now)
		if (!outcome.ok) return fromRefusal(outcome, null, sectionId)
		return ok(`“${outcome.title}” moved ${direction} to number ${outcome.to}.`, { sectionId })
	}
	if (intent === 'remove' || intent === 'restore') {
		const schema = intent === 'remove' ? RemoveSectionSchema : RestoreSectionSchema
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return refused({ error: 'Reload the page and try again.' })
		const { sectionId } = submission.value
		if (intent === 'remove') {
			const outcome = removeSection(db, actor, documentId, sectionId, now, live)
			if (!outcome.ok) return fromRefusal(outcome, null, sectionId)
			return ok(`“${outcome.title}” was removed from the outline. Its text is kept; restore it below.`)
		}
		const outcome = restoreSection(db, actor, documentId, sectionId, now)
		if (!outcome.ok) return fromRefusal(outcome, null, sectionId)
		return ok(`“${outcome.title}” is back, as section ${outcome.position}.`, { sectionId })
	}
	return refused({ error: 'That action is not one this page knows.' })
}
