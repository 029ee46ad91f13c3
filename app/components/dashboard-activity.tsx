import { href, Link } from 'react-router'

type Entry = {
	id: string
	actor: string | null
	sentence: string
	iso: string
	exact: string
	relative: string
}

/** The latest few events as sentences, newest first, with a link to the whole log. */
export function DashboardActivity({ slug, entries }: { slug: string; entries: Entry[] }) {
	return (
		<section className="card" aria-labelledby="recent-heading">
			<div className="card-header">
				<h2 id="recent-heading">Recent activity</h2>
				<Link to={href('/t/:slug/activity', { slug })}>All activity</Link>
			</div>
			{entries.length === 0 ? (
				<p className="muted">Nothing has happened yet.</p>
			) : (
				<ol className="list">
					{entries.map((entry) => (
						<li key={entry.id} className="list-row recent-row">
							<span>
								<strong>{entry.actor ?? 'Someone'}</strong> {entry.sentence}
							</span>
							<time className="count" dateTime={entry.iso} title={entry.exact}>
								{entry.relative}
							</time>
						</li>
					))}
				</ol>
			)}
		</section>
	)
}
