import { sql } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { setAccountDisabled } from '#server/admin/accounts.server.ts'
import { createAssignment } from '#server/assignments/create.server.ts'
import { changeAssignmentStatus } from '#server/assignments/status.server.ts'
import { deleteAssignment, updateAssignment } from '#server/assignments/update.server.ts'
import { deleteComment, editComment, setThreadStatus } from '#server/comments/comment-changes.server.ts'
import { setObserversMayComment } from '#server/comments/settings.server.ts'
import { replyToThread, startThread } from '#server/comments/threads.server.ts'
import { inviteMember } from '#server/invitations/invitations.server.ts'
import { changeRole, removeMember } from '#server/members/member-changes.server.ts'
import {
	completeMilestone,
	createMilestone,
	deleteMilestone,
	reopenMilestone,
	updateMilestone,
	waiveMilestone,
} from '#server/milestones/milestones.server.ts'
import { advancePhase } from '#server/phases/advance.server.ts'
import { updatePhaseDates } from '#server/phases/phase-dates.server.ts'
import { reopenPhase } from '#server/phases/reopen.server.ts'
import type { Person } from '#server/policies/types.ts'
import { setPublicPage } from '#server/publication/public-page.server.ts'
import { publishEdition } from '#server/publication/publish.server.ts'
import {
	createSection,
	moveSection,
	removeSection,
	restoreSection,
	updateSection,
} from '#server/sections/outline.server.ts'
import { restoreSectionVersion } from '#server/sections/restore-version.server.ts'
import { answerReview, recordSuggestionDecision, requestReview } from '#server/sections/reviews.server.ts'
import { storeSectionVersion } from '#server/sections/section-versions.server.ts'
import { changeSectionStatus } from '#server/sections/status.server.ts'
import {
	createSubcommittee,
	deleteSubcommittee,
	setSubcommitteeLead,
	updateSubcommitteeDetails,
} from '#server/subcommittees/subcommittee-changes.server.ts'
import {
	addSubcommitteeMember,
	removeSubcommitteeMember,
} from '#server/subcommittees/subcommittee-members.server.ts'
import { getSubcommittee } from '#server/subcommittees/subcommittee-page.server.ts'
import { createWorkflowSetting, insertAssignment, insertMilestone, NOW } from '../factories/assignments.ts'
import { createSection as createSectionRow } from '../factories/sections.ts'
import { recordAccessChanges } from '../support/access-changes.ts'
import { liveText } from '../support/live-text.ts'
import { createTempDatabase } from '../support/temp-database.ts'

/**
 * Every operation that changes data, called directly — as the admin CLI, a socket handler or a
 * background job would, with no route in front — by a person whose role does not allow it. Each
 * must throw 403 and leave every table exactly as it was. (What each role may do is checked cell
 * by cell in tests/server/policies; this file checks that each operation asks the policy at all.)
 */

let db: Db
let world: ReturnType<typeof createWorkflowSetting>
let ids: {
	assignment: string
	milestone: string
	removedSection: string
	version: string
	thread: string
	comment: string
}
const live = recordAccessChanges()
const person = (user: { id: string }): Person => ({ id: user.id, isAdmin: false })
/** The live server, for the one operation that needs it: being reached at all is a failure. */
const collab = {
	flush: () => {
		throw new Error('the restore reached the live server')
	},
	applyServerUpdate: () => {
		throw new Error('the restore reached the live server')
	},
	changeDocument: () => {
		throw new Error('the comment reached the live server')
	},
}

beforeEach(() => {
	live.scopes.length = 0
	db = createTempDatabase().db
	world = createWorkflowSetting(db)
	const assignment = insertAssignment(db, world, { assigneeId: world.people.writer.id })
	const milestone = insertMilestone(db, world, { dueOn: '2026-12-20' })
	const removed = createSectionRow(db, world.documentId, 5, { title: 'Removed', removedAt: NOW })
	const version = storeSectionVersion(db, {
		sectionId: world.section.id,
		kind: 'phase',
		label: 'End of research',
		doc: new Y.Doc(),
		seq: 0,
		actorId: null,
		authors: [],
		now: NOW,
	})
	const text = liveText(db)
	text.write(world.section.id, 'How residents use the service.')
	const started = startThread(
		{ db, collab: text.collab },
		{ id: world.people.outsider.id, isAdmin: false },
		world.section.id,
		{ ...text.select(world.section.id, 'residents'), body: 'Which survey?', mentionIds: [] },
		NOW,
	)
	if (!started.ok) throw new Error(started.message)
	ids = {
		assignment: assignment.id,
		milestone: milestone.id,
		removedSection: removed.id,
		version,
		thread: started.threadId,
		comment: started.commentId,
	}
})

/** Every row of every table, to compare before and after. */
function everything(): string {
	const tables = db.all<{ name: string }>(
		sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
	)
	return JSON.stringify(tables.map(({ name }) => [name, db.all(sql.raw(`select * from "${name}"`))]))
}

const sectionInput = { title: 'New', subcommitteeId: null, targetWords: null, dueOn: null }
const phaseDates = {
	publicationDate: '2027-05-04',
	bounds: {
		research: { startsOn: '2026-08-22', endsOn: '2026-10-30' },
		writing: { startsOn: '2026-10-31', endsOn: '2027-01-16' },
		editing: { startsOn: '2027-01-17', endsOn: '2027-03-13' },
		publishing: { startsOn: '2027-03-14', endsOn: '2027-05-04' },
	},
}

/** Each operation, who tries it without the right, and the call. */
const operations: Array<[string, (w: typeof world) => { id: string }, (actor: Person) => unknown]> = [
	// Assignments: co-chairs and the subcommittee's lead manage; its assignee only moves its status.
	[
		'createAssignment',
		(w) => w.people.outsider,
		(actor) =>
			createAssignment(db, {
				taskForceId: world.taskForce.id,
				actor,
				input: {
					title: 'x',
					details: '',
					subcommitteeId: world.engagement.id,
					phaseKind: 'writing',
					dueOn: '2026-12-18',
				},
				now: NOW,
			}),
	],
	[
		'updateAssignment',
		(w) => w.people.writer,
		(actor) =>
			updateAssignment(db, {
				taskForceId: world.taskForce.id,
				actor,
				assignmentId: ids.assignment,
				input: {
					intent: 'save',
					title: 'Taken over',
					details: '',
					subcommitteeId: world.engagement.id,
					phaseKind: 'writing',
					dueOn: '2026-12-10',
					status: 'todo',
					revision: 0,
				},
				now: NOW,
			}),
	],
	[
		'changeAssignmentStatus',
		(w) => w.people.outsider,
		(actor) =>
			changeAssignmentStatus(db, {
				taskForceId: world.taskForce.id,
				actor,
				assignmentId: ids.assignment,
				status: 'done',
				expected: {},
				now: NOW,
			}),
	],
	[
		'deleteAssignment',
		(w) => w.people.writer,
		(actor) =>
			deleteAssignment(db, {
				taskForceId: world.taskForce.id,
				actor,
				assignmentId: ids.assignment,
				now: NOW,
			}),
	],
	// Subcommittees: co-chairs shape them; co-chairs and the lead seat members.
	[
		'createSubcommittee',
		(w) => w.people.lead,
		(actor) => createSubcommittee(db, actor, world.taskForce.id, { name: 'Shadow', charge: '' }, NOW),
	],
	[
		'updateSubcommitteeDetails',
		(w) => w.people.lead,
		(actor) => updateSubcommitteeDetails(db, actor, engagement(), { name: 'Renamed', charge: 'x' }, NOW),
	],
	[
		'setSubcommitteeLead',
		(w) => w.people.lead,
		(actor) => setSubcommitteeLead(db, actor, engagement(), world.people.writer.id, NOW, live),
	],
	[
		'deleteSubcommittee',
		(w) => w.people.lead,
		(actor) => deleteSubcommittee(db, actor, procurement(), { sectionsConfirmed: true }, NOW, live),
	],
	[
		'addSubcommitteeMember',
		(w) => w.people.writer,
		(actor) => addSubcommitteeMember(db, actor, engagement(), world.people.outsider.id, NOW, live),
	],
	[
		'removeSubcommitteeMember',
		(w) => w.people.outsider,
		(actor) => removeSubcommitteeMember(db, actor, engagement(), world.people.writer.id, NOW, live),
	],
	// Members: co-chairs invite, change roles, remove.
	[
		'inviteMember',
		(w) => w.people.lead,
		(actor) =>
			inviteMember(db, {
				taskForce: { id: world.taskForce.id, name: world.taskForce.name },
				inviter: { ...actor, name: 'Lead' },
				email: 'friend@example.gov',
				role: 'co_chair',
				origin: 'http://localhost',
				now: NOW,
			}),
	],
	[
		'changeRole',
		(w) => w.people.lead,
		(actor) => changeRole(db, actor, world.taskForce.id, world.people.lead.id, 'co_chair', NOW, live),
	],
	[
		'removeMember',
		(w) => w.people.lead,
		(actor) => removeMember(db, actor, world.taskForce.id, world.people.chair.id, NOW, live),
	],
	// The outline: co-chairs. A section's status: by the section policy.
	[
		'createSection',
		(w) => w.people.lead,
		(actor) => createSection(db, sectionActor(actor), world.documentId, sectionInput, NOW),
	],
	[
		'updateSection',
		(w) => w.people.lead,
		(actor) =>
			updateSection(db, sectionActor(actor), world.documentId, world.section.id, sectionInput, NOW, live),
	],
	[
		'moveSection',
		(w) => w.people.lead,
		(actor) => moveSection(db, sectionActor(actor), world.documentId, world.section.id, 'down', 1, NOW),
	],
	[
		'removeSection',
		(w) => w.people.lead,
		(actor) => removeSection(db, sectionActor(actor), world.documentId, world.section.id, NOW, live),
	],
	[
		'restoreSection',
		(w) => w.people.lead,
		(actor) => restoreSection(db, sectionActor(actor), world.documentId, ids.removedSection, NOW),
	],
	[
		'changeSectionStatus',
		(w) => w.people.observer,
		(actor) =>
			changeSectionStatus(
				db,
				sectionActor(actor),
				world.documentId,
				world.section.id,
				{ from: 'drafting', to: 'in_review' },
				NOW,
				live,
			),
	],
	[
		'restoreSectionVersion',
		(w) => w.people.outsider,
		(actor) =>
			restoreSectionVersion(
				{ db, collab },
				{ person: actor, sectionId: world.section.id, versionId: ids.version, now: NOW },
			),
	],
	// The schedule: co-chairs of an active task force.
	[
		'advancePhase',
		(w) => w.people.lead,
		(actor) =>
			advancePhase(
				db,
				{ taskForceId: world.taskForce.id, actor, from: 'writing', reason: 'Because we must.', now: NOW },
				live,
			),
	],
	[
		'reopenPhase',
		(w) => w.people.lead,
		(actor) =>
			reopenPhase(
				db,
				{ taskForceId: world.taskForce.id, actor, from: 'writing', reason: 'Because we must.', now: NOW },
				live,
			),
	],
	[
		'updatePhaseDates',
		(w) => w.people.lead,
		(actor) =>
			updatePhaseDates(db, {
				taskForce: { id: world.taskForce.id, publicationDate: world.taskForce.publicationDate },
				actor,
				dates: phaseDates,
				now: NOW,
			}),
	],
	[
		'createMilestone',
		(w) => w.people.lead,
		(actor) =>
			createMilestone(
				db,
				milestoneActor(actor),
				{ phaseId: world.phaseIds.get('writing') as string, title: 'x', dueOn: '2026-12-24' },
				NOW,
			),
	],
	[
		'updateMilestone',
		(w) => w.people.lead,
		(actor) =>
			updateMilestone(
				db,
				milestoneActor(actor),
				{ milestoneId: ids.milestone, title: 'x', dueOn: '2026-12-24' },
				NOW,
			),
	],
	[
		'completeMilestone',
		(w) => w.people.lead,
		(actor) => completeMilestone(db, milestoneActor(actor), ids.milestone, NOW),
	],
	[
		'reopenMilestone',
		(w) => w.people.lead,
		(actor) => reopenMilestone(db, milestoneActor(actor), ids.milestone, NOW),
	],
	[
		'waiveMilestone',
		(w) => w.people.lead,
		(actor) => waiveMilestone(db, milestoneActor(actor), ids.milestone, 'Not needed any more.', NOW),
	],
	[
		'deleteMilestone',
		(w) => w.people.lead,
		(actor) => deleteMilestone(db, milestoneActor(actor), ids.milestone, NOW),
	],
	// Comments: members (observers only when the task force lets them); one's own comments; resolving
	// is for whoever started the thread or may write the text.
	[
		'startThread',
		(w) => w.people.observer,
		(actor) =>
			startThread(
				{ db, collab },
				actor,
				world.section.id,
				{ anchorFrom: 'AAAA', anchorTo: 'AAAA', body: 'x', mentionIds: [] },
				NOW,
			),
	],
	[
		'replyToThread',
		(w) => w.people.observer,
		(actor) => replyToThread(db, actor, ids.thread, { body: 'x', mentionIds: [] }, NOW),
	],
	[
		'editComment',
		(w) => w.people.lead,
		(actor) => editComment(db, actor, ids.comment, { body: 'Taken over', mentionIds: [] }, NOW),
	],
	['deleteComment', (w) => w.people.chair, (actor) => deleteComment(db, actor, ids.comment, NOW)],
	[
		'setThreadStatus',
		(w) => w.people.observer,
		(actor) => setThreadStatus(db, actor, ids.thread, 'resolved', NOW),
	],
	// Reviews: the owning lead or a co-chair asks; only those asked answer.
	[
		'requestReview',
		(w) => w.people.writer,
		(actor) => requestReview(db, actor, world.section.id, world.people.outsider.id, NOW),
	],
	[
		'answerReview',
		(w) => w.people.outsider,
		(actor) => answerReview(db, actor, world.section.id, { decision: 'approve' }, NOW),
	],
	[
		'recordSuggestionDecision',
		(w) => w.people.outsider,
		(actor) =>
			recordSuggestionDecision(
				db,
				actor,
				world.section.id,
				{ decision: 'accepted', count: 1, authorIds: [] },
				NOW,
			),
	],
	[
		'publishEdition',
		(w) => w.people.lead,
		(actor) =>
			publishEdition(
				db,
				{ ...collab, accessChanged: live.accessChanged },
				{
					taskForceId: world.taskForce.id,
					documentId: world.documentId,
					actor,
					reason: 'x'.repeat(40),
					now: NOW,
				},
			),
	],
	['setPublicPage', (w) => w.people.lead, (actor) => setPublicPage(db, actor, world.taskForce.id, true, NOW)],
	[
		'setObserversMayComment',
		(w) => w.people.lead,
		(actor) => setObserversMayComment(db, actor, world.taskForce.id, true, NOW),
	],
	// Accounts: instance admins (whatever the caller claims).
	[
		'setAccountDisabled',
		(w) => w.people.chair,
		(actor) =>
			setAccountDisabled(db, { ...actor, isAdmin: true } as Person, world.people.writer.id, true, NOW, live),
	],
]

function engagement() {
	const row = getSubcommittee(db, world.taskForce.id, world.engagement.id)
	if (!row) throw new Error('no Engagement subcommittee')
	return row
}

function procurement() {
	const row = getSubcommittee(db, world.taskForce.id, world.procurement.id)
	if (!row) throw new Error('no Procurement subcommittee')
	return row
}

function sectionActor(actor: Person) {
	return { ...actor, taskForceId: world.taskForce.id }
}

function milestoneActor(actor: Person) {
	return { ...actor, taskForceId: world.taskForce.id }
}

test.each(operations)(
	'%s, called directly by a person without the right, is refused with 403 and changes nothing',
	(_name, who, call) => {
		const before = everything()
		let thrown: unknown
		try {
			call(person(who(world)))
		} catch (error) {
			thrown = error
		}
		expect(thrown).toBeInstanceOf(Response)
		expect((thrown as Response).status).toBe(403)
		expect(everything()).toBe(before)
		expect(live.scopes).toEqual([])
	},
)
