import { href, Link, useLocation } from 'react-router'
import type { TaskForceSummary } from '#server/task-forces/task-forces.server.ts'

type Props = { current: string; taskForces: TaskForceSummary[] }

/**
 * A disclosure listing the task forces; plain links, so it works before JavaScript loads and with
 * any assistive technology.
 */
export function TaskForceSwitcher({ current, taskForces }: Props) {
	// Keyed by the path so the menu is closed again after it took the person somewhere.
	const { pathname } = useLocation()
	return (
		<details className="switcher" key={pathname}>
			<summary>
				<span className="visually-hidden">Switch task force. Current: </span>
				<span aria-hidden="true">Switch task force</span>
			</summary>
			<ul>
				{taskForces.map((taskForce) => (
					<li key={taskForce.slug}>
						<Link
							to={href('/t/:slug', { slug: taskForce.slug })}
							aria-current={taskForce.slug === current ? 'page' : undefined}
						>
							{taskForce.name}
							{taskForce.status !== 'active' ? <span className="tag">{taskForce.status}</span> : null}
						</Link>
					</li>
				))}
			</ul>
		</details>
	)
}
