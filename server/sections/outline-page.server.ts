import { asc, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { formatDateTime, formatRelativeTime } from '#shared/dates.ts'
import { describeUnsettled } from '#shared/gate.ts'
import type { OutlineContext } from '#shared/validation/sections.ts'
import type { CollabFacade } from '../context.server.ts'
import { canManageOutline } from '../policies/outline.server.ts'
import { listSubcommittees } from '../subcommittees/lists.server.ts'
import type { TaskForceRequest } from '../task-forces/access.server.ts'
import { listRemovedSections, listSections } from '../task-forces/documents.server.ts'
import { getRun } from '../task-forces/run.server.ts'
import { allowedSectionMoves } from './status.server.ts'

/** An instant worded on the server, so the browser hydrates the very same text. */
function instant(at: number, now: number, timeZone: string) {
	return {
		iso: new Date(at).toISOString(),
		relative: formatRelativeTime(at, now),
		exact: formatDateTime(at, timeZone),
	}
}

/** Names of the people with each section open, sorted, from the collaboration server's rooms. */
function presenceNames(db: Db, collab: CollabFacade, sectionIds: string[]): Map<string, string[]> {
	const present = collab.presence(sectionIds)
	const userIds = [...new Set(Object.values(present).flat())]
	const names = new Map(
		userIds.length === 0
			? []
			: db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, userIds))
					.orderBy(asc(users.name))
					.all()
					.map((user) => [user.id, user.name]),
	)
	const result = new Map<string, string[]>()
	for (const [sectionId, ids] of Object.entries(present)) {
		const here = ids.map((id) => names.get(id)).filter((name): name is string => name !== undefined)
		result.set(
			sectionId,
			here.sort((a, b) => a.localeCompare(b)),
		)
	}
	return result
}

/**
 * Everything the document page shows: the outline in reading order with who is in each section
 * right now and the status moves this viewer may make; for co-chairs also the removed sections and
 * what the section forms are checked against.
 */
export function getOutlinePage(
	db: Db,
	collab: CollabFacade,
	access: Pick<TaskForceRequest, 'viewer' | 'taskForce' | 'membership' | 'state'>,
	documentId: string,
	at: Date,
) {
	const { viewer, taskForce, membership, state } = access
	const now = at.getTime()
	const manage = canManageOutline(membership, state)
	const rows = listSections(db, documentId)
	const here = presenceNames(
		db,
		collab,
		rows.map((row) => row.id),
	)
	const sections = rows.map(({ lastEditedAt, ...row }, index) => ({
		...row,
		number: index + 1,
		lastEdited: lastEditedAt === null ? null : instant(lastEditedAt, now, taskForce.timeZone),
		here: here.get(row.id) ?? [],
		moves: allowedSectionMoves(viewer, membership, state, row).map(({ to, label, note }) => {
			// Approving with open threads or suggestions asks for a reason (the operation decides again).
			const open = to === 'approved' ? describeUnsettled(row.openThreads, row.openSuggestions) : null
			return { to, label, note: note || open !== null, warning: open }
		}),
	}))
	const subcommittees = manage
		? listSubcommittees(db, taskForce.id).map(({ id, name }) => ({ id, name }))
		: []
	const context: OutlineContext = {
		run: getRun(db, taskForce),
		subcommitteeIds: subcommittees.map((subcommittee) => subcommittee.id),
	}
	const removed = manage
		? listRemovedSections(db, documentId).map(({ removedAt, ...row }) => ({
				...row,
				removed: removedAt === null ? null : instant(removedAt, now, taskForce.timeZone),
			}))
		: []
	return { manage, sections, removed, subcommittees, context }
}
