import { Form } from 'react-router'
import type { Candidate } from '#server/subcommittees/subcommittee-members.server.ts'
import { SECTOR_LABELS } from '#shared/labels.ts'
import { plural } from '#shared/text.ts'
import { MEMBER_SEARCH_MAX } from '#shared/validation/subcommittees.ts'

/** What the loader found for `?q=`: matches, or a reason there are none to show. */
export type MemberSearch = {
	query: string
	error: string | null
	matches: Candidate[]
	total: number
}

function CandidateAction({ candidate, busy }: { candidate: Candidate; busy: boolean }) {
	if (candidate.seated) return <span className="muted">Already a member</span>
	if (candidate.role === 'observer') return <span className="muted">Observer: cannot join</span>
	return (
		<Form method="post" preventScrollReset>
			<input type="hidden" name="intent" value="add-member" />
			<input type="hidden" name="userId" value={candidate.id} />
			<button type="submit" className="button button-secondary button-small" disabled={busy}>
				Add<span className="visually-hidden"> {candidate.name}</span>
			</button>
		</Form>
	)
}

/**
 * Finding people to add: a plain GET form (so the search is a link, and works before JavaScript
 * loads), then each match with its own "Add" button.
 */
export function SubcommitteeMemberSearch({ search, busy }: { search: MemberSearch | null; busy: boolean }) {
	const errorId = 'member-search-error'
	return (
		<section className="card" id="add-members" aria-labelledby="add-members-heading">
			<h2 id="add-members-heading">Add members</h2>
			<p className="card-hint">
				Search the task force’s members by name, email or organization. Someone new to the task force is
				invited on the members page first.
			</p>
			<Form method="get" className="member-search" role="search" preventScrollReset>
				<div className="field">
					<label htmlFor="member-search">Name, email or organization</label>
					<input
						id="member-search"
						name="q"
						type="search"
						defaultValue={search?.query ?? ''}
						maxLength={MEMBER_SEARCH_MAX}
						aria-invalid={search?.error ? true : undefined}
						aria-describedby={search?.error ? errorId : undefined}
					/>
				</div>
				<button type="submit" className="button">
					Search
				</button>
			</Form>
			{search?.error ? (
				<p id={errorId} className="field-errors" role="alert">
					{search.error}
				</p>
			) : null}
			{search && !search.error ? <SearchResults search={search} busy={busy} /> : null}
		</section>
	)
}

function SearchResults({ search, busy }: { search: MemberSearch; busy: boolean }) {
	const summary =
		search.total === 0
			? `No member of the task force matches “${search.query}”.`
			: search.total > search.matches.length
				? `${plural(search.total, 'person', 'people')} match “${search.query}”; the first ${search.matches.length} are shown. Narrow the search to see the rest.`
				: `${plural(search.total, 'person', 'people')} match “${search.query}”.`
	return (
		<>
			<p className="member-search-summary" role="status">
				{summary}
			</p>
			{search.matches.length > 0 ? (
				<ul className="list" aria-label="Search results">
					{search.matches.map((candidate) => (
						<li key={candidate.id} className="list-row">
							<span>
								<span className="list-title">{candidate.name}</span>
								<span className="list-detail">
									{[candidate.title, candidate.organization].filter(Boolean).join(', ') || 'No organization'}
									{candidate.sector ? ` · ${SECTOR_LABELS[candidate.sector]}` : ''}
								</span>
							</span>
							<CandidateAction candidate={candidate} busy={busy} />
						</li>
					))}
				</ul>
			) : null}
		</>
	)
}
