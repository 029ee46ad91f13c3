import { href, Link } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import { requireViewer } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import { listTaskForcesOf } from '#server/task-forces/task-forces.server.ts'
import { ROLE_LABELS } from '#shared/labels.ts'
import type { Route } from './+types/home'

export function loader({ request, context }: Route.LoaderArgs) {
	const viewer = requireViewer(context, request)
	return { taskForces: listTaskForcesOf(getServices(context).db, viewer.id), isAdmin: viewer.isAdmin }
}

export const meta: Route.MetaFunction = () => [{ title: 'Your task forces · Convene' }]

export default function Home({ loaderData }: Route.ComponentProps) {
	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow">
				<h1>Your task forces</h1>
				{loaderData.taskForces.length === 0 ? (
					<div className="card empty-state">
						<p>You are not a member of any task force yet.</p>
						<p className="lede">
							{loaderData.isAdmin ? (
								<>
									As an instance administrator you can create one with{' '}
									<code>npm run admin -- create-task-force</code>, or see every task force on the{' '}
									<Link to="/admin">administration page</Link>.
								</>
							) : (
								'A co-chair adds you by sending an invitation to your email address.'
							)}
						</p>
					</div>
				) : (
					<ul className="list card">
						{loaderData.taskForces.map((taskForce) => (
							<li key={taskForce.slug} className="list-row">
								<span>
									<Link to={href('/t/:slug', { slug: taskForce.slug })} className="list-title">
										{taskForce.name}
									</Link>
									<span className="list-detail">{ROLE_LABELS[taskForce.role]}</span>
								</span>
								<span className={`tag tag-${taskForce.status}`}>{taskForce.status}</span>
							</li>
						))}
					</ul>
				)}
			</main>
		</>
	)
}
