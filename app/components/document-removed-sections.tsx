import { Form } from 'react-router'
import type { SectionStatus } from '#shared/domain.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber } from '#shared/text.ts'

export type RemovedItem = {
	id: string
	title: string
	status: SectionStatus
	subcommittee: string | null
	wordCount: number
	removed: { iso: string; relative: string; exact: string } | null
}

/**
 * Sections taken off the outline, with their text kept. Restoring puts one back at the end of the
 * outline, with its text and status as they were.
 */
export function DocumentRemovedSections({ sections, busy }: { sections: RemovedItem[]; busy: boolean }) {
	if (sections.length === 0)
		return <p className="card-hint">None. A removed section keeps its text and can be restored here.</p>
	return (
		<ul className="list">
			{sections.map((section) => (
				<li key={section.id} className="list-row">
					<span>
						<span className="list-title">{section.title}</span>
						<span className="list-detail">
							{section.subcommittee ?? 'No subcommittee'} · {SECTION_STATUS_LABELS[section.status]} ·{' '}
							{formatNumber(section.wordCount)} words
							{section.removed ? (
								<>
									{' '}
									· removed{' '}
									<time dateTime={section.removed.iso} title={section.removed.exact}>
										{section.removed.relative}
									</time>
								</>
							) : null}
						</span>
					</span>
					<Form method="post" className="inline-form" preventScrollReset>
						<input type="hidden" name="intent" value="restore" />
						<input type="hidden" name="sectionId" value={section.id} />
						<button type="submit" className="button button-secondary button-small" disabled={busy}>
							Restore<span className="visually-hidden"> “{section.title}”</span>
						</button>
					</Form>
				</li>
			))}
		</ul>
	)
}
