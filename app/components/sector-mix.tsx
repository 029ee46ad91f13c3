import type { SectorCount } from '#server/subcommittees/lists.server.ts'
import { SECTOR_LABELS } from '#shared/labels.ts'
import { formatNumber } from '#shared/text.ts'

/**
 * Where a group's members come from: a stacked bar for the eye and, beside it, a legend that says
 * every count in words, so the bar is never the only way to read it. The bar is hidden from screen
 * readers because the legend already says everything it shows.
 */
export function SectorMix({ counts, label }: { counts: SectorCount[]; label: string }) {
	const total = counts.reduce((sum, entry) => sum + entry.count, 0)
	if (total === 0) return <p className="list-detail">No members yet.</p>
	return (
		<div className="sector-mix">
			<div className="sector-bar" aria-hidden="true">
				{counts.map(({ sector, count }) => (
					<span
						key={sector ?? 'none'}
						className={`sector-bar-segment sector-fill-${sector ?? 'none'}`}
						style={{ flexGrow: count }}
					/>
				))}
			</div>
			<ul className="legend" aria-label={label}>
				{counts.map(({ sector, count }) => (
					<li key={sector ?? 'none'}>
						<span className={`legend-swatch sector-fill-${sector ?? 'none'}`} aria-hidden="true" />
						{sector ? SECTOR_LABELS[sector] : 'No organization'} <strong>{formatNumber(count)}</strong>
					</li>
				))}
			</ul>
		</div>
	)
}
