import { daysBetween, formatShortDate } from '#shared/dates.ts'
import type { PhaseKind, PhaseStatus } from '#shared/domain.ts'
import { PHASE_LABELS } from '#shared/labels.ts'

type Phase = { kind: PhaseKind; startsOn: string; endsOn: string; status: PhaseStatus }

const STATUS_WORDS: Record<PhaseStatus, string> = {
	complete: 'Complete',
	active: 'Current',
	upcoming: 'Upcoming',
}

/**
 * The run-up as four bands sized by their length. Status is written out, not only colored, so it
 * reads the same in grayscale and to a screen reader.
 */
export function PhaseStrip({ phases, today }: { phases: Phase[]; today: string }) {
	return (
		<ol className="phase-strip">
			{phases.map((phase) => {
				const days = daysBetween(phase.startsOn, phase.endsOn) + 1
				const elapsed = Math.min(Math.max(daysBetween(phase.startsOn, today) + 1, 0), days)
				return (
					<li
						key={phase.kind}
						className={`phase phase-${phase.status}`}
						style={{ flexGrow: days }}
						aria-current={phase.status === 'active' ? 'step' : undefined}
					>
						<span className="phase-name">{PHASE_LABELS[phase.kind]}</span>
						<span className="phase-dates">
							{formatShortDate(phase.startsOn)} – {formatShortDate(phase.endsOn)}
						</span>
						<span className="phase-status">{STATUS_WORDS[phase.status]}</span>
						{phase.status === 'active' ? (
							<span className="phase-progress" aria-hidden="true">
								<span style={{ width: `${(elapsed / days) * 100}%` }} />
							</span>
						) : null}
					</li>
				)
			})}
		</ol>
	)
}
