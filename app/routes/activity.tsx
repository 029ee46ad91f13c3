import { data, Form, Link } from 'react-router'
import { ErrorList } from '#app/components/forms.tsx'
import styles from '#app/styles/activity.css?url'
import { getServices } from '#server/context.server.ts'
import { requireTaskForceAccess } from '#server/task-forces/access.server.ts'
import { listActivityPeople, searchActivity } from '#server/task-forces/activity-search.server.ts'
import { describeActivity } from '#shared/activity.ts'
import { formatDateTime, formatRelativeTime } from '#shared/dates.ts'
import { formatNumber, plural } from '#shared/text.ts'
import { ACTIVITY_KINDS, parseActivityFilters } from '#shared/validation/activity.ts'
import type { Route } from './+types/activity'

export function loader({ request, params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const { taskForce } = requireTaskForceAccess(context, request, params.slug)
	const query = Object.fromEntries(new URL(request.url).searchParams)
	const { filters, errors } = parseActivityFilters(query)
	const result = searchActivity(db, taskForce, filters)
	const nowMs = now().getTime()
	const page = {
		taskForce: { name: taskForce.name },
		filters,
		errors,
		// What was typed, so an unreadable date comes back in its field to be corrected.
		typed: { from: query.from ?? '', to: query.to ?? '' },
		people: listActivityPeople(db, taskForce.id),
		total: result.total,
		page: result.page,
		pages: result.pages,
		// Sentences and times are worded here, on the server, so the browser hydrates the very same text.
		entries: result.entries.map((entry) => ({
			id: entry.id,
			actor: entry.actor,
			sentence: describeActivity(entry.verb, entry.data, entry.subject),
			iso: new Date(entry.at).toISOString(),
			exact: formatDateTime(entry.at, taskForce.timeZone),
			relative: formatRelativeTime(entry.at, nowMs),
		})),
	}
	return errors.from || errors.to ? data(page, { status: 400 }) : page
}

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data ? `Activity · ${data.taskForce.name} · Convene` : 'Convene' },
]

/** The current query string with one page number swapped in. */
function pageLink(filters: Record<string, string | number | undefined>, page: number) {
	const params = new URLSearchParams()
	const values: Record<string, string | number | undefined> = { ...filters, page }
	for (const [key, value] of Object.entries(values)) {
		if (value === undefined || value === '' || (key === 'page' && value === 1)) continue
		params.set(key, String(value))
	}
	const query = params.toString()
	return query ? `?${query}` : '.'
}

/** A date filter; an unreadable date stays in the field, marked invalid, with what to change. */
function DateFilter(props: { id: string; name: string; label: string; value: string; error?: string }) {
	const errorId = `${props.id}-error`
	return (
		<div className="field">
			<label htmlFor={props.id}>{props.label}</label>
			<input
				id={props.id}
				name={props.name}
				type="date"
				defaultValue={props.value}
				aria-invalid={props.error ? true : undefined}
				aria-describedby={props.error ? errorId : undefined}
			/>
			<ErrorList id={errorId} errors={props.error ? [props.error] : undefined} />
		</div>
	)
}

export default function Activity({ loaderData }: Route.ComponentProps) {
	const { entries, filters, errors, typed, people, total, page, pages } = loaderData
	const filtered = Boolean(filters.person || filters.kind || filters.from || filters.to)
	return (
		<>
			<header className="page-header">
				<h1>Activity</h1>
				<p className="lede">Every change in the task force: who did what, and when. Newest first.</p>
			</header>

			<section className="card" aria-labelledby="filter-heading">
				<h2 id="filter-heading" className="visually-hidden">
					Filter the activity
				</h2>
				<Form method="get" className="form filter-form">
					<div className="field-row">
						<div className="field">
							<label htmlFor="activity-person">Who</label>
							<select id="activity-person" name="person" defaultValue={filters.person ?? ''}>
								<option value="">Anyone</option>
								{people.map((person) => (
									<option key={person.id} value={person.id}>
										{person.name}
									</option>
								))}
							</select>
						</div>
						<div className="field">
							<label htmlFor="activity-kind">What</label>
							<select id="activity-kind" name="kind" defaultValue={filters.kind ?? ''}>
								<option value="">Everything</option>
								{Object.entries(ACTIVITY_KINDS).map(([kind, label]) => (
									<option key={kind} value={kind}>
										{label}
									</option>
								))}
							</select>
						</div>
						<DateFilter id="activity-from" name="from" label="From" value={typed.from} error={errors.from} />
						<DateFilter id="activity-to" name="to" label="To" value={typed.to} error={errors.to} />
					</div>
					<div className="filter-actions">
						<button type="submit" className="button">
							Show
						</button>
						{filtered ? <Link to=".">Clear filters</Link> : null}
					</div>
				</Form>
			</section>

			<section className="card" aria-labelledby="activity-heading">
				<div className="card-header">
					<h2 id="activity-heading">{filtered ? 'Matching activity' : 'All activity'}</h2>
					<span className="count">{plural(total, 'event')}</span>
				</div>
				{entries.length === 0 ? (
					<p className="list-detail">
						{filtered ? 'Nothing matches these filters.' : 'Nothing has happened yet.'}
					</p>
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
				{pages > 1 ? (
					<nav className="pager" aria-label="Pages of activity">
						{page > 1 ? (
							<Link to={pageLink(filters, page - 1)} rel="prev">
								← Newer
							</Link>
						) : (
							<span />
						)}
						<span className="count">
							Page {formatNumber(page)} of {formatNumber(pages)}
						</span>
						{page < pages ? (
							<Link to={pageLink(filters, page + 1)} rel="next">
								Older →
							</Link>
						) : (
							<span />
						)}
					</nav>
				) : null}
			</section>
		</>
	)
}
