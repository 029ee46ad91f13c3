import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionReply, type ActionStatus, actionReply, respond } from '#app/forms/action-reply.ts'
import type { AccessChanges, Services } from '#server/context.server.ts'
import { forbidden } from '#server/http/responses.server.ts'
import { canMoveAnySectionStatus } from '#server/policies/outline.server.ts'
import {
	createSection,
	moveSection,
	removeSection,
	restoreSection,
	updateSection,
} from '#server/sections/outline.server.ts'
import {
	requireOutlineManager,
	type SectionActor,
	type SectionRefusal,
} from '#server/sections/records.server.ts'
import { changeSectionStatus } from '#server/sections/status.server.ts'
import { listSubcommittees } from '#server/subcommittees/lists.server.ts'
import type { TaskForceRequest } from '#server/task-forces/access.server.ts'
import { getRun } from '#server/task-forces/run.server.ts'
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

/** The page's answer: `about` is the section it concerns, so the page can show it there. */
type Fields = Partial<Omit<ActionReply, 'intent'>>
type OutlineAnswer = { status: ActionStatus; fields: Fields }

function ok(notice: string, fields: Fields = {}): OutlineAnswer {
	return { status: 200, fields: { notice, ...fields } }
}

function refused(fields: Fields, status: 400 | 409 = 400): OutlineAnswer {
	return { status, fields }
}

/** A refusal from an operation: next to its field when it has one, else as the page's error. */
function fromRefusal(
	refusal: SectionRefusal,
	formId: string | null,
	sectionId: string | null,
	reply?: (options: { fieldErrors: Record<string, string[]> }) => SubmissionResult<string[]>,
): OutlineAnswer {
	if (refusal.field && reply)
		return refused(
			{ formId, about: sectionId, result: reply({ fieldErrors: { [refusal.field]: [refusal.message] } }) },
			refusal.status,
		)
	return refused({ formId, about: sectionId, error: refusal.message }, refusal.status)
}

/** What the section forms are checked against right now: the run and the task force's subcommittees. */
function outlineContext(db: Services['db'], taskForce: TaskForceRequest['taskForce']): OutlineContext {
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
	db: Services['db'],
	access: TaskForceRequest,
	documentId: string,
	formData: FormData,
	at: Date,
	live: AccessChanges,
) {
	const intent = String(formData.get('intent') ?? '')
	const { status, fields } = answer(db, access, documentId, intent, formData, at, live)
	const direction = formData.get('direction') === 'down' ? ('down' as const) : ('up' as const)
	return respond({ ...actionReply(intent, fields), direction }, status)
}

function answer(
	db: Services['db'],
	access: TaskForceRequest,
	documentId: string,
	intent: string,
	formData: FormData,
	at: Date,
	live: AccessChanges,
): OutlineAnswer {
	const { viewer, taskForce, membership, state } = access
	const actor: SectionActor = { id: viewer.id, isAdmin: viewer.isAdmin, taskForceId: taskForce.id }
	const now = at.getTime()

	if (intent === 'status') {
		if (!canMoveAnySectionStatus(membership, state)) throw forbidden()
		const sectionId = String(formData.get('sectionId') ?? '')
		// One form per move that asks for words (sending back, approving with open items).
		const formId = `section-status-${String(formData.get('to') ?? '')}-${sectionId}`
		const submission = parseWithZod(formData, { schema: SectionStatusSchema })
		if (submission.status !== 'success')
			return refused({ formId, about: sectionId, result: submission.reply() }, 400)
		const outcome = changeSectionStatus(db, actor, documentId, sectionId, submission.value, now, live)
		if (!outcome.ok) return fromRefusal(outcome, formId, sectionId, submission.reply)
		const { move, title } = outcome
		const what = move.note
			? `“${title}” went back to drafting with your note.`
			: `“${title}” is ${SECTION_STATUS_LABELS[move.to].toLowerCase()} now.`
		return ok(what, { formId, about: sectionId, result: submission.reply({ resetForm: true }) })
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
			about: outcome.id,
			result: submission.reply({ resetForm: true }),
		})
	}
	if (intent === 'edit') {
		const sectionId = String(formData.get('sectionId') ?? '')
		const formId = `section-edit-${sectionId}`
		const submission = parseWithZod(formData, { schema: editSectionSchema(outlineContext(db, taskForce)) })
		if (submission.status !== 'success')
			return refused({ formId, about: sectionId, result: submission.reply() })
		const outcome = updateSection(db, actor, documentId, sectionId, submission.value, now, live)
		if (!outcome.ok) return fromRefusal(outcome, formId, sectionId, submission.reply)
		const notice =
			outcome.renamed || outcome.changed ? `“${submission.value.title}” is saved.` : 'Nothing had changed.'
		return ok(notice, { formId, about: sectionId, result: submission.reply() })
	}
	if (intent === 'move') {
		const submission = parseWithZod(formData, { schema: MoveSectionSchema })
		if (submission.status !== 'success') return refused({ error: 'Reload the page and try again.' })
		const { sectionId, direction, position } = submission.value
		const outcome = moveSection(db, actor, documentId, sectionId, direction, position, now)
		if (!outcome.ok) return fromRefusal(outcome, null, sectionId)
		return ok(`“${outcome.title}” moved ${direction} to number ${outcome.to}.`, { about: sectionId })
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
		return ok(`“${outcome.title}” is back, as section ${outcome.position}.`, { about: sectionId })
	}
	return refused({ error: 'That action is not one this page knows.' })
}
