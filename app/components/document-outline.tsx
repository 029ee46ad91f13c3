import type { SubmissionResult } from '@conform-to/react'
import { href, Link } from 'react-router'
import { formatDate } from '#shared/dates.ts'
import type { SectionStatus } from '#shared/domain.ts'
import { describeUnsettled } from '#shared/gate.ts'
import { SECTION_STATUS_LABELS } from '#shared/labels.ts'
import { formatNumber } from '#shared/text.ts'
import type { OutlineContext } from '#shared/validation/sections.ts'
import { SectionManage } from './section-manage.tsx'
import { type MoveChoice, SectionStatusMoves } from './section-status-moves.tsx'

type Instant = { iso: string; relative: string; exact: string }

type OutlineItem = {
	id: string
	number: number
	title: string
	status: SectionStatus
	statusNote: string | null
	subcommitteeId: string | null
	subcommittee: string | null
	wordCount: number
	targetWords: number | null
	dueOn: string | null
	lastEdited: Instant | null
	lastEditedBy: string | null
	here: string[]
	moves: MoveChoice[]
	openThreads: number
	openSuggestions: number
}

type Props = {
	slug: string
	sections: OutlineItem[]
	today: string
	/** Present for co-chairs: what their edit forms need. */
	manage: { subcommittees: Array<{ id: string; name: string }>; context: OutlineContext } | null
	/** The form the last answer belongs to and its result, so only that form shows errors. */
	formId: string | null
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}

/** "120 / 1,500 words" with a thin meter under it; the text carries the meaning, the meter is a glance. */
function WordCount({ words, target }: { words: number; target: number | null }) {
	if (!target) return <>{formatNumber(words)} words</>
	const share = Math.min(words / target, 1)
	return (
		<>
			<span className="nowrap">
				{formatNumber(words)} / {formatNumber(target)} words
			</span>
			<span className="meter" aria-hidden="true">
				<span style={{ width: `${share * 100}%` }} />
			</span>
		</>
	)
}

/** Who has the section open right now, by name; refreshed with the page every few seconds. */
function HereNow({ names }: { names: string[] }) {
	if (names.length === 0) return <span className="muted">Nobody</span>
	const shown = names.slice(0, 3)
	const more = names.length - shown.length
	return (
		<span className="outline-here">
			<span className="outline-here-dot" aria-hidden="true" />
			{shown.join(', ')}
			{more > 0 ? ` and ${formatNumber(more)} more` : ''}
		</span>
	)
}

/**
 * The document's outline in reading order: each section's owner, status, length against target,
 * due date, last edit and who is in it now, the note it came back from review with, and the moves
 * and controls this viewer may use.
 */
export function DocumentOutline({ slug, sections, today, manage, formId, lastResult, busy }: Props) {
	const resultFor = (id: string) => (formId === id ? lastResult : undefined)
	return (
		<ol className="outline">
			{sections.map((section) => {
				const late = section.dueOn !== null && section.dueOn < today && section.status !== 'approved'
				const hasControls = section.moves.length > 0 || manage !== null
				return (
					<li key={section.id} id={`section-${section.id}`} className="outline-item">
						<div className="outline-head">
							<h3 className="outline-title">
								<span className="section-number">{section.number}.</span>{' '}
								<Link to={href('/t/:slug/sections/:sectionId', { slug, sectionId: section.id })}>
									{section.title}
								</Link>
							</h3>
							<span className="outline-states">
								<span className={`state state-${section.status}`}>
									{SECTION_STATUS_LABELS[section.status]}
								</span>
								{late ? <span className="state state-overdue">Overdue</span> : null}
							</span>
						</div>
						<dl className="outline-facts">
							<div>
								<dt>Owner</dt>
								<dd>{section.subcommittee ?? <span className="muted">No subcommittee</span>}</dd>
							</div>
							<div>
								<dt>Length</dt>
								<dd>
									<WordCount words={section.wordCount} target={section.targetWords} />
								</dd>
							</div>
							<div>
								<dt>Due</dt>
								<dd>{section.dueOn ? formatDate(section.dueOn) : <span className="muted">No date</span>}</dd>
							</div>
							<div>
								<dt>Last edited</dt>
								<dd>
									{section.lastEdited ? (
										<>
											<time dateTime={section.lastEdited.iso} title={section.lastEdited.exact}>
												{section.lastEdited.relative}
											</time>
											{section.lastEditedBy ? ` by ${section.lastEditedBy}` : null}
										</>
									) : (
										<span className="muted">Not yet</span>
									)}
								</dd>
							</div>
							<div>
								<dt>Here now</dt>
								<dd>
									<HereNow names={section.here} />
								</dd>
							</div>
							<div>
								<dt>Open in review</dt>
								<dd>
									{describeUnsettled(section.openThreads, section.openSuggestions) ?? (
										<span className="muted">Nothing</span>
									)}
								</dd>
							</div>
						</dl>
						{section.statusNote ? (
							<div className="outline-note">
								<p className="outline-note-label">Sent back from review</p>
								<p className="outline-note-text">{section.statusNote}</p>
							</div>
						) : null}
						{hasControls ? (
							<div className="outline-actions">
								<SectionStatusMoves
									section={section}
									moves={section.moves}
									resultFor={resultFor}
									busy={busy}
								/>
								{manage ? (
									<SectionManage
										section={section}
										count={sections.length}
										subcommittees={manage.subcommittees}
										context={manage.context}
										lastResult={resultFor(`section-edit-${section.id}`)}
										busy={busy}
									/>
								) : null}
							</div>
						) : null}
					</li>
				)
			})}
		</ol>
	)
}
