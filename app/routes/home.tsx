import { Link } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import { getServices } from '#server/context.server.ts'
import { listTaskForces } from '#server/task-forces/task-forces.server.ts'
import type { Route } from './+types/home'

export function loader({ context }: Route.LoaderArgs) {
	return { taskForces: listTaskForces(getServices(context).db) }
}

export const meta: Route.MetaFunction = () => [{ title: 'Your task forces · Convene' }]

export default function Home({ loaderData }: Route.ComponentProps) {
	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow">
				<h1>Task forces</h1>
				{loaderData.taskForces.length === 0 ? (
					<p>
						There are no task forces yet. An instance administrator creates the first one with{' '}
						<code>npm run admin -- create-task-force</code>.
					</p>
				) : (
					<ul className="list card">
						{loaderData.taskForces.map((taskForce) => (
							<li key={taskForce.slug} className="list-row">
								<Link to={`/t/${taskForce.slug}`} className="list-title">
									{taskForce.name}
								</Link>
								<span className={`tag tag-${taskForce.status}`}>{taskForce.status}</span>
							</li>
						))}
					</ul>
				)}
			</main>
		</>
	)
}
