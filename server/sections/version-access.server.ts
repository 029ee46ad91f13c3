import type { RouterContextProvider } from 'react-router'
import { getServices } from '../context.server.ts'
import { notFound } from '../http/responses.server.ts'
import { canRestoreSectionVersion } from '../policies/section.server.ts'
import { requireTaskForceAccess } from '../task-forces/access.server.ts'
import { decideSectionAccess } from './section-access.server.ts'

/**
 * For the versions pages: the section, if it belongs to the task force at `slug` (another task
 * force's section is simply not found, so its existence stays private), and whether the viewer
 * may restore its versions (the policy the restore itself checks).
 */
export function requireVersionedSection(
	context: Readonly<RouterContextProvider>,
	request: Request,
	slug: string,
	sectionId: string,
) {
	const access = requireTaskForceAccess(context, request, slug)
	const decision = decideSectionAccess(getServices(context).db, access.viewer, sectionId)
	if (!decision || decision.taskForce.id !== access.taskForce.id) throw notFound()
	const canRestore = canRestoreSectionVersion(access.viewer, access.membership, access.state, {
		subcommitteeId: decision.section.subcommitteeId,
		status: decision.section.status,
	})
	return { ...access, decision, canRestore }
}
