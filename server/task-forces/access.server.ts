import type { RouterContextProvider } from 'react-router'
import { requireViewer, type Viewer } from '../auth/viewer.server.ts'
import { getServices } from '../context.server.ts'
import { forbidden, notFound } from '../http/responses.server.ts'
import { taskForceAccess } from '../policies/task-force.server.ts'
import type { Membership, TaskForceState } from '../policies/types.ts'
import { getMembership, getTaskForceState } from './membership.server.ts'
import { getTaskForce } from './task-forces.server.ts'

type TaskForce = NonNullable<ReturnType<typeof getTaskForce>>

export type TaskForceRequest = {
	viewer: Viewer
	taskForce: TaskForce
	membership: Membership
	state: TaskForceState
}

/**
 * The viewer's standing in the task force at `slug`. Signed out: redirect to sign in. Not a
 * member (or no such task force): 404, so a task force's existence stays private. `manage`
 * without being a co-chair: 403.
 */
export function requireTaskForceAccess(
	context: Readonly<RouterContextProvider>,
	request: Request,
	slug: string,
	level: 'read' | 'manage' = 'read',
): TaskForceRequest {
	const viewer = requireViewer(context, request)
	const { db } = getServices(context)
	const taskForce = getTaskForce(db, slug)
	if (!taskForce) throw notFound()
	const membership = getMembership(db, taskForce.id, viewer.id)
	const access = taskForceAccess(viewer, membership)
	if (access === 'none' || !membership) throw notFound()
	if (level === 'manage' && access !== 'manage') throw forbidden()
	return { viewer, taskForce, membership, state: getTaskForceState(db, taskForce) }
}
