import { sectionAccess } from './section.server.ts'
import type { Membership, Person, SectionFacts, TaskForceState } from './types.ts'

/** What a task force decides about comments for itself. */
export type CommentSettings = { observersMayComment: boolean }

/**
 * Commenting on a section: every member of an active task force, on any section in any status
 * (an approved one included — it accepts comments only); observers when the task force lets them.
 * A published or archived task force's threads are part of the record: read only.
 */
export function canComment(
	_person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	settings: CommentSettings,
): boolean {
	if (!membership || taskForce.status !== 'active') return false
	return membership.role !== 'observer' || settings.observersMayComment
}

/**
 * Resolving or reopening a thread: whoever may comment and either started it or may write the text
 * it is about (the owners decide what was addressed).
 */
export function canResolveThread(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	settings: CommentSettings,
	section: SectionFacts,
	thread: { createdBy: string | null },
): boolean {
	if (!canComment(person, membership, taskForce, settings)) return false
	return (
		thread.createdBy === person.id || sectionAccess(person, membership, taskForce, section).access === 'write'
	)
}

/** Editing or deleting a comment: its author, while they may still comment. */
export function canChangeComment(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	settings: CommentSettings,
	comment: { authorId: string | null },
): boolean {
	return canComment(person, membership, taskForce, settings) && comment.authorId === person.id
}

/** Whether observers may comment is the co-chairs' choice, while the task force is active. */
export function canChangeCommentSettings(membership: Membership | null, taskForce: TaskForceState): boolean {
	return membership?.role === 'co_chair' && taskForce.status === 'active'
}
