import { Outlet } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import { TaskForceNav } from '#app/components/task-force-nav.tsx'
import { TaskForceSwitcher } from '#app/components/task-force-switcher.tsx'
import { getServices } from '#server/context.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { getTaskForceShell } from '#server/task-forces/shell.server.ts'
import type { Route } from './+types/task-force-layout'

export function loader({ request, params, context }: Route.LoaderArgs) {
	return getTaskForceShell(getServices(context).db, requireTaskForceAccess(context, request, params.slug))
}

export default function TaskForceLayout({ loaderData }: Route.ComponentProps) {
	const { taskForce, taskForces, documentId, role } = loaderData
	return (
		<>
			<SiteHeader>
				<TaskForceSwitcher current={taskForce.slug} taskForces={taskForces} />
			</SiteHeader>
			<div className="task-force-bar">
				<p className="task-force-name">{taskForce.name}</p>
				<TaskForceNav slug={taskForce.slug} documentId={documentId} showSettings={role === 'co_chair'} />
			</div>
			<main id="main" className="page">
				<Outlet />
			</main>
		</>
	)
}
