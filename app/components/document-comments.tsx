import { href, Link } from 'react-router'

type DocumentThread = {
	id: string
	quote: string
	status: 'open' | 'resolved'
	sectionId: string
	section: string
	lastAt: number
}

/**
 * A document's comment threads across its sections, in a region named "Comments": the open ones,
 * or those with a comment mentioning the viewer. Each links to its section's Comments panel.
 * The two lists are links (`?comments=mentions`), so they work without scripts.
 */
export function DocumentComments({
	slug,
	documentId,
	list,
	mentioning,
}: {
	slug: string
	documentId: string
	list: { threads: DocumentThread[]; more: boolean }
	mentioning: boolean
}) {
	const here = href('/t/:slug/documents/:documentId', { slug, documentId })
	return (
		<section className="card document-comments" aria-labelledby="document-comments-heading">
			<div className="card-header">
				<h2 id="document-comments-heading">Comments</h2>
				<nav aria-label="Which comments">
					<ul className="segmented">
						<li>
							<Link to={here} aria-current={mentioning ? undefined : 'page'} preventScrollReset>
								Open
							</Link>
						</li>
						<li>
							<Link
								to={`${here}?comments=mentions`}
								aria-current={mentioning ? 'page' : undefined}
								preventScrollReset
							>
								Mentioning me
							</Link>
						</li>
					</ul>
				</nav>
			</div>
			{list.threads.length === 0 ? (
				<p className="card-hint">{mentioning ? 'No comment mentions you.' : 'No open comments.'}</p>
			) : (
				<ul className="list">
					{list.threads.map((thread) => (
						<li key={thread.id} className="list-row">
							<Link
								className="list-title"
								to={`${href('/t/:slug/sections/:sectionId', { slug, sectionId: thread.sectionId })}#comments-heading`}
							>
								“{thread.quote}”
							</Link>
							<span className="list-detail">
								In {thread.section}
								{thread.status === 'resolved' ? ' · resolved' : ''}
							</span>
						</li>
					))}
				</ul>
			)}
			{list.more ? <p className="card-hint">Only the 100 most recently active are listed.</p> : null}
		</section>
	)
}
