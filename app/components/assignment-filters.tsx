import { href, Link, useNavigate } from 'react-router'
import {
	type AssignmentFilters,
	type AssignmentView,
	assignmentsHref,
	hasFilters,
	STATUS_FILTERS,
	type StatusFilter,
} from '#shared/assignment-filters.ts'
import { PHASE_KINDS } from '#shared/domain.ts'
import { ASSIGNMENT_STATUS_LABELS, PHASE_LABELS } from '#shared/labels.ts'
import { DUE_SOON_DAYS } from '#shared/schedule.ts'

const STATUS_FILTER_LABELS: Record<StatusFilter, string> = {
	open: 'Open (not done)',
	...ASSIGNMENT_STATUS_LABELS,
}

type Props = {
	slug: string
	filters: AssignmentFilters
	view: AssignmentView
	subcommittees: Array<{ id: string; name: string }>
}

/**
 * The list's filters as a GET form, so every combination is a URL that can be bookmarked and
 * linked to (the dashboard's numbers link here). Works the same without JavaScript.
 */
export function AssignmentFilterForm({ slug, filters, view, subcommittees }: Props) {
	// Keyed by the query so the controls show the filters of a link just followed.
	const key = assignmentsHref(slug, filters, view)
	const navigate = useNavigate()
	// With scripts, empty choices are left out of the URL; without, the server ignores them.
	const submit = (event: React.FormEvent<HTMLFormElement>) => {
		event.preventDefault()
		const search = new URLSearchParams()
		for (const [name, value] of new FormData(event.currentTarget)) {
			if (value !== '') search.append(name, String(value))
		}
		const query = search.toString()
		navigate(`${href('/t/:slug/assignments', { slug })}${query ? `?${query}` : ''}`)
	}
	return (
		<form
			method="get"
			className="assignment-filters"
			key={key}
			aria-labelledby="filters-heading"
			onSubmit={submit}
		>
			<h2 id="filters-heading" className="visually-hidden">
				Filters
			</h2>
			{view === 'board' ? <input type="hidden" name="view" value="board" /> : null}
			<div className="filter-selects">
				<div className="field">
					<label htmlFor="filter-subcommittee">Subcommittee</label>
					<select id="filter-subcommittee" name="subcommittee" defaultValue={filters.subcommitteeId ?? ''}>
						<option value="">All subcommittees</option>
						{subcommittees.map((subcommittee) => (
							<option key={subcommittee.id} value={subcommittee.id}>
								{subcommittee.name}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-status">Status</label>
					<select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
						<option value="">Any status</option>
						{STATUS_FILTERS.map((status) => (
							<option key={status} value={status}>
								{STATUS_FILTER_LABELS[status]}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-phase">Phase</label>
					<select id="filter-phase" name="phase" defaultValue={filters.phase ?? ''}>
						<option value="">Any phase</option>
						{PHASE_KINDS.map((kind) => (
							<option key={kind} value={kind}>
								{PHASE_LABELS[kind]}
							</option>
						))}
					</select>
				</div>
			</div>
			<fieldset className="filter-checks">
				<legend className="visually-hidden">Show only</legend>
				<label>
					<input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> Assigned to me
				</label>
				<label>
					<input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} /> Overdue
				</label>
				<label>
					<input type="checkbox" name="due" value="soon" defaultChecked={filters.dueSoon} /> Due within{' '}
					{DUE_SOON_DAYS} days
				</label>
			</fieldset>
			<div className="filter-actions">
				<button type="submit" className="button button-small">
					Apply filters
				</button>
				{hasFilters(filters) ? <Link to={assignmentsHref(slug, {}, view)}>Clear filters</Link> : null}
			</div>
		</form>
	)
}

/** List or board, keeping the filters. */
export function AssignmentViewToggle({ slug, filters, view }: Omit<Props, 'subcommittees'>) {
	return (
		<nav className="view-toggle" aria-label="View">
			<Link to={assignmentsHref(slug, filters, 'list')} aria-current={view === 'list' ? 'page' : undefined}>
				List
			</Link>
			<Link to={assignmentsHref(slug, filters, 'board')} aria-current={view === 'board' ? 'page' : undefined}>
				Board by status
			</Link>
		</nav>
	)
}
