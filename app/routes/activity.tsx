import { requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import { getServices } from '#server/context.server.ts'
import { listActivity } from '#server/task-forces/activity.server.ts'
import { describeActivity } from '#shared/activity.ts'
import { formatDateTime, formatRelativeTime } from '#shared/dates.ts'
import type { Route } from './+types/activity'

const LIMIT = 100

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce } = requireTaskForceAccess(context, request, params.slug)
	const nowMs = now().getTime()
	return {
		taskForce: { name: taskForce.name },
		limit: LIMIT,
		// Sentences and times are worded here, on the server, so the browser hydrates the very same text.
		entries: listActivity(db, taskForce.id, LIMIT).map((entry) => ({
			id: entry.id,
			actor: entry.actor,
			sentence: describeActivity(entry.verb, entry.data, entry.subject),
			iso: new Date(entry.at).toISOString(),
			exact: formatDateTime(entry.at, taskForce.timeZone),
			relative: formatRelativeTime(entry.at, nowMs),
		})),
	}
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Activity · ${data.taskForce.name} · Convene` : 'Convene' },
]

export default function Activity({ loaderData }: Route.ComponentProps) {
	const { entries, limit } = loaderData
	return (
		<>
			<header className="page-header">
				<h1>Activity</h1>
				<p className="lede">
					What has happened in the task force, newest first
					{entries.length === limit ? ` (the latest ${limit} events)` : ''}.
				</p>
			</header>

			<section className="card" aria-labelledby="activity-heading">
				<div className="card-header">
					<h2 id="activity-heading">Recent activity</h2>
				</div>
				{entries.length === 0 ? (
					<p className="list-detail">Nothing has happened yet.</p>
				) : (
					<ol className="list">
						{entries.map((entry) => (
							<li key={entry.id} className="list-row activity-row">
								<span>
									<strong>{entry.actor ?? 'Someone'}</strong> {entry.sentence}
								</span>
								<time className="count" dateTime={entry.iso}>
									{entry.exact}
									<span className="list-detail">{entry.relative}</span>
								</time>
							</li>
						))}
					</ol>
				)}
			</section>
		</>
	)
}
