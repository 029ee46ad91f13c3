import { sectionAccess } from './section.server.ts'
import { commentsFrom } from './task-force.server.ts'
import type { Membership, Person, SectionFacts, TaskForceState } from './types.ts'

/**
 * Commenting on a section: every member of an active task force, on any section in any status
 * (an approved one included — it accepts comments only); observers when the task force lets them
 * (`commentsFrom`). A published or archived task force's threads are part of the record: read only.
 */
export function canComment(
	_person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
): boolean {
	return commentsFrom(membership, taskForce)
}

/**
 * Resolving or reopening a thread: whoever may comment and either started it or may write the text
 * it is about (the owners decide what was addressed).
 */
export function canResolveThread(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	section: SectionFacts,
	thread: { createdBy: string | null },
): boolean {
	if (!canComment(person, membership, taskForce)) return false
	return (
		thread.createdBy === person.id || sectionAccess(person, membership, taskForce, section).access === 'write'
	)
}

/** Editing or deleting a comment: its author, while they may still comment. */
export function canChangeComment(
	person: Person,
	membership: Membership | null,
	taskForce: TaskForceState,
	comment: { authorId: string | null },
): boolean {
	return canComment(person, membership, taskForce) && comment.authorId === person.id
}

/** Whether observers may comment is the co-chairs' choice, while the task force is active. */
export function canChangeCommentSettings(membership: Membership | null, taskForce: TaskForceState): boolean {
	return membership?.role === 'co_chair' && taskForce.status === 'active'
}
