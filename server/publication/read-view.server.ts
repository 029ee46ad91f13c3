import type { Db } from '#db/client.server.ts'
import { describeUnsettled, OVERRIDE_REASON_MIN } from '#shared/gate.ts'
import { renderSectionHtml } from '#shared/publication/render-html.ts'
import { getCurrentGate } from '../phases/schedule.server.ts'
import { canExportRecords, canManagePublicPage, canPublishEdition } from '../policies/publication.server.ts'
import type { TaskForceRequest } from '../task-forces/access.server.ts'
import { assembleDocument } from './assemble.server.ts'
import { editionNumber, listEditions } from './editions.server.ts'
import { CHANGE_NOTE_MIN } from './publish.server.ts'

/** The id of a section's n-th block in the read view: where a finding's link lands. */
function blockAnchor(sectionId: string, block: number): string {
	return `read-${sectionId}-${block}`
}

/**
 * The whole document as readers will get it, for the read view: every section in order with its
 * status and owner and its text as HTML (accepted text only: pending suggestions left out, comment
 * marks dropped); the accessibility check, each finding with the anchor of its place; the editions;
 * and, for co-chairs, what publishing the next edition needs.
 */
export function getReadView(db: Db, access: TaskForceRequest, documentId: string) {
	const { taskForce, membership, state, viewer } = access
	const { sections, findings } = assembleDocument(db, documentId)
	const published = listEditions(db, taskForce.id)
	const latest = published[0]
	const next = latest ? editionNumber({ major: latest.major, minor: latest.minor + 1 }) : '1.0'
	const mayPublish = canPublishEdition(membership, state)
	const gate = mayPublish && state.status === 'active' ? getCurrentGate(db, taskForce.id) : null
	return {
		sections: sections.map((section, index) => ({
			id: section.id,
			number: index + 1,
			title: section.title,
			status: section.status,
			subcommittee: section.subcommittee,
			wordCount: section.wordCount,
			unsettled: describeUnsettled(section.openThreads, section.openSuggestions),
			html: renderSectionHtml(section.blocks, { headingOffset: 1, blockIdPrefix: `read-${section.id}` }),
		})),
		findings: findings.map((finding) => ({
			...finding,
			anchor: blockAnchor(finding.sectionId, finding.block),
		})),
		editions: published,
		publicPage: taskForce.publicPage,
		manage: {
			publicPage: canManagePublicPage(membership, state),
			records: canExportRecords(membership, viewer.organizationId !== null),
		},
		publish: mayPublish
			? {
					next,
					needsChangeNote: latest !== undefined,
					changeNoteMin: CHANGE_NOTE_MIN,
					reasonMin: OVERRIDE_REASON_MIN,
					leavesPhase: state.status === 'active',
					unmet: (gate?.unmet ?? []).map((item) =>
						item.kind === 'section'
							? `${item.title}: ${item.status === 'approved' ? (describeUnsettled(item.openThreads, item.openSuggestions) ?? 'open') : 'not approved yet'}`
							: `Milestone: ${item.title}`,
					),
					blocking: findings.filter((finding) => finding.blocking).length,
				}
			: null,
	}
}
