import { formatDate } from '#shared/dates.ts'
import type { PhaseKind, PhaseStatus } from '#shared/domain.ts'
import { PHASE_LABELS, PHASE_STATUS_LABELS } from '#shared/labels.ts'
import { TableScroll } from './table-scroll.tsx'

type Phase = { id: string; kind: PhaseKind; status: PhaseStatus; startsOn: string; endsOn: string }

/**
 * The phase dates for people who read the schedule but do not set it. On a phone the status moves
 * under the phase's name, so the table fits without scrolling sideways.
 */
export function PhaseDatesTable({ phases, publicationDate }: { phases: Phase[]; publicationDate: string }) {
	return (
		<TableScroll label="Phase dates">
			<table className="table">
				<caption className="visually-hidden">Phase dates and the publication date</caption>
				<thead>
					<tr>
						<th scope="col">Phase</th>
						<th scope="col">Dates</th>
						<th scope="col" className="hide-narrow">
							Status
						</th>
					</tr>
				</thead>
				<tbody>
					{phases.map((phase) => {
						const status = (
							<span className={`state state-phase-${phase.status}`}>{PHASE_STATUS_LABELS[phase.status]}</span>
						)
						return (
							<tr key={phase.id}>
								<th scope="row">
									{PHASE_LABELS[phase.kind]}
									<span className="show-narrow">{status}</span>
								</th>
								<td>
									<span className="nowrap">{formatDate(phase.startsOn)}</span> –{' '}
									<span className="nowrap">{formatDate(phase.endsOn)}</span>
								</td>
								<td className="hide-narrow">{status}</td>
							</tr>
						)
					})}
					<tr>
						<th scope="row">Publication</th>
						<td colSpan={2}>{formatDate(publicationDate, { weekday: true })}</td>
					</tr>
				</tbody>
			</table>
		</TableScroll>
	)
}
