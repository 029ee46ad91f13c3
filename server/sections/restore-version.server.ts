import type { Db } from '#db/client.server.ts'
import { recordActivity } from '../activity/record.server.ts'
import type { CollabFacade } from '../context.server.ts'
import { forbidden } from '../http/responses.server.ts'
import { canRestoreSectionVersion } from '../policies/section.server.ts'
import type { Person } from '../policies/types.ts'
import { directLookups } from './section-access.server.ts'
import {
	findSectionVersion,
	lastStoredSeq,
	loadStoredDocument,
	restoreUpdate,
	storeSectionVersion,
	versionDocument,
} from './section-versions.server.ts'

export type RestoreOutcome =
	| { ok: true; changed: boolean; label: string }
	| { ok: false; status: 404 | 503; message: string }

/**
 * Makes a stored version a section's current text, as a new change on top of its history (every
 * open editor receives it like any other edit). The text as it was just before is kept as a
 * `before_restore` version, so the restore itself can be undone. The change is committed before
 * this returns, and the activity is recorded only when the text changed. Throws 403 unless the
 * policy lets the person restore (whoever may write the text now).
 */
export function restoreSectionVersion(
	services: { db: Db; collab: Pick<CollabFacade, 'flush' | 'applyServerUpdate'> },
	input: { person: Person; sectionId: string; versionId: string; now: number },
): RestoreOutcome {
	const { db, collab } = services
	const lookups = directLookups(db)
	const row = lookups.section(input.sectionId)
	if (!row) return { ok: false, status: 404, message: 'This section no longer exists.' }
	const membership = lookups.membership(row.taskForce.id, input.person.id)
	const facts = { subcommitteeId: row.section.subcommitteeId, status: row.section.status }
	if (!canRestoreSectionVersion(input.person, membership, lookups.state(row.taskForce), facts)) {
		throw forbidden('You may read this section but not change its text now, so you cannot restore a version.')
	}
	const version = findSectionVersion(db, input.sectionId, input.versionId)
	if (!version) {
		return {
			ok: false,
			status: 404,
			message: 'That version no longer exists. Reload the page to see the list.',
		}
	}

	// What is applied but not yet stored goes in first: the stored text is then the live text.
	collab.flush()
	const current = loadStoredDocument(db, input.sectionId)
	const past = versionDocument(db, input.versionId)
	try {
		const update = past ? restoreUpdate(current, past) : new Uint8Array()
		if (update.byteLength === 0) return { ok: true, changed: false, label: version.label }
		db.transaction((tx) => {
			storeSectionVersion(tx, {
				sectionId: input.sectionId,
				kind: 'before_restore',
				label: `Before restoring “${version.label}”`,
				doc: current,
				seq: lastStoredSeq(tx, input.sectionId),
				actorId: input.person.id,
				authors: [],
				now: input.now,
			})
		})
		if (!collab.applyServerUpdate(input.sectionId, update, { userId: input.person.id })) {
			return {
				ok: false,
				status: 503,
				message:
					'The section could not be restored just now, and its text is unchanged. Try again in a moment.',
			}
		}
		// Committed (and sent to open editors) before anyone is told it is done.
		collab.flush()
		recordActivity(
			db,
			{
				taskForceId: row.taskForce.id,
				actorId: input.person.id,
				verb: 'section.version_restored',
				subjectType: 'section',
				subjectId: input.sectionId,
				data: { title: row.section.title, label: version.label },
			},
			input.now,
		)
		return { ok: true, changed: true, label: version.label }
	} finally {
		current.destroy()
		past?.destroy()
	}
}
