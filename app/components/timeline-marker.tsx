import type { MarkerShape } from './timeline-layout.ts'

const CHECK = 'M-4.5 0.5 L-1.5 3.5 L4.5 -3.5'

/** A check or an exclamation mark inside a filled shape. */
function Glyph({ kind }: { kind: 'check' | 'alert' }) {
	if (kind === 'check') return <path d={CHECK} className="timeline-glyph" />
	return (
		<>
			<path d="M0 -3.5 L0 1.5" className="timeline-glyph" />
			<circle cx="0" cy="4.6" r="1.3" className="timeline-glyph-dot" />
		</>
	)
}

/**
 * One marker's shape, centred on 0,0. The shape tells the state apart without color: a circle is
 * finished (check: done, slash: waived), a triangle with "!" is late, a diamond is a milestone still
 * to come (filled when due within a week), a square is a section's due date (check: handed in).
 */
export function MarkerIcon({ shape }: { shape: MarkerShape }) {
	switch (shape) {
		case 'done':
			return (
				<g className="timeline-shape timeline-shape-done">
					<circle r="9" />
					<Glyph kind="check" />
				</g>
			)
		case 'waived':
			return (
				<g className="timeline-shape timeline-shape-waived">
					<circle r="8" />
					<path d="M-5 5 L5 -5" className="timeline-slash" />
				</g>
			)
		case 'overdue':
			return (
				<g className="timeline-shape timeline-shape-overdue">
					<path d="M0 -10.5 L10 7.5 L-10 7.5 Z" />
					<g transform="translate(0 1.5)">
						<Glyph kind="alert" />
					</g>
				</g>
			)
		case 'due-soon':
			return (
				<g className="timeline-shape timeline-shape-due-soon">
					<path d="M0 -10 L10 0 L0 10 L-10 0 Z" />
				</g>
			)
		case 'upcoming':
			return (
				<g className="timeline-shape timeline-shape-upcoming">
					<path d="M0 -9 L9 0 L0 9 L-9 0 Z" />
				</g>
			)
		case 'section-delivered':
			return (
				<g className="timeline-shape timeline-shape-done">
					<rect x="-8" y="-8" width="16" height="16" rx="2" />
					<Glyph kind="check" />
				</g>
			)
		case 'section-due-soon':
			return (
				<g className="timeline-shape timeline-shape-due-soon">
					<rect x="-8" y="-8" width="16" height="16" rx="2" />
				</g>
			)
		case 'section-upcoming':
			return (
				<g className="timeline-shape timeline-shape-upcoming">
					<rect x="-7" y="-7" width="14" height="14" rx="2" />
				</g>
			)
	}
}

const LEGEND: Array<{ shape: MarkerShape; label: string }> = [
	{ shape: 'done', label: 'Milestone done' },
	{ shape: 'waived', label: 'Milestone waived' },
	{ shape: 'overdue', label: 'Overdue (milestone or section)' },
	{ shape: 'due-soon', label: 'Milestone due within 7 days' },
	{ shape: 'upcoming', label: 'Milestone upcoming' },
	{ shape: 'section-delivered', label: 'Section handed in for review' },
	{ shape: 'section-due-soon', label: 'Section due within 7 days' },
	{ shape: 'section-upcoming', label: 'Section due later' },
]

/** What each shape means, drawn with the same shapes as the chart. */
export function TimelineLegend() {
	return (
		<ul className="timeline-legend" aria-label="Key to the chart">
			{LEGEND.map(({ shape, label }) => (
				<li key={shape}>
					<svg viewBox="-12 -12 24 24" width="20" height="20" aria-hidden="true" focusable="false">
						<MarkerIcon shape={shape} />
					</svg>
					{label}
				</li>
			))}
			<li>
				<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
					<path d="M12 2 V22" className="timeline-today-line" />
				</svg>
				Today
			</li>
			<li>
				<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
					<path d="M8 2 V22" className="timeline-publication-line" />
					<path d="M8 2 L18 6 L8 10 Z" className="timeline-publication-flag" />
				</svg>
				Publication
			</li>
		</ul>
	)
}
