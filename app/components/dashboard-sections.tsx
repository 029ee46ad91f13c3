import { href, Link } from 'react-router'
import { SECTION_STATUSES, type SectionStatus } from '#shared/domain.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber, plural } from '#shared/text.ts'

type DocumentProgress = {
	id: string
	title: string
	sections: number
	words: number
	target: number
	byStatus: Record<SectionStatus, number>
}

/** Section progress: how many sections stand at each status, and words written against the target. */
export function DashboardSections({ slug, documents }: { slug: string; documents: DocumentProgress[] }) {
	return (
		<section className="card" aria-labelledby="sections-heading">
			<div className="card-header">
				<h2 id="sections-heading">Section progress</h2>
			</div>
			{documents.length === 0 ? <p className="muted">No document yet.</p> : null}
			{documents.map((document) => {
				const documentHref = href('/t/:slug/documents/:documentId', { slug, documentId: document.id })
				const share = document.target > 0 ? Math.min(document.words / document.target, 1) : 0
				return (
					<div key={document.id} className="progress-document">
						<p className="progress-title">
							<Link to={documentHref}>{document.title}</Link>{' '}
							<span className="muted">({plural(document.sections, 'section')})</span>
						</p>
						<ul className="progress-statuses" aria-label={`Sections of ${document.title} by status`}>
							{SECTION_STATUSES.map((status) => (
								<li key={status}>
									<Link to={documentHref} className="progress-status">
										<span className="progress-value">{formatNumber(document.byStatus[status])}</span>{' '}
										<span className={`state state-${status}`}>{SECTION_STATUS_LABELS[status]}</span>
									</Link>
								</li>
							))}
						</ul>
						<p className="progress-words">
							{document.target > 0
								? `${formatNumber(document.words)} of ${formatNumber(document.target)} target words (${Math.round(share * 100)}%)`
								: `${formatNumber(document.words)} words`}
						</p>
						{document.target > 0 ? (
							<span className="meter progress-meter" aria-hidden="true">
								<span style={{ width: `${share * 100}%` }} />
							</span>
						) : null}
					</div>
				)
			})}
		</section>
	)
}
