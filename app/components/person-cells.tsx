import type { Sector } from '#shared/domain.ts'
import { SECTOR_LABELS } from '#shared/labels.ts'

/** A roster row's header cell: the person's name, with their title under it. */
export function PersonCell({ name, title }: { name: string; title: string | null }) {
	return (
		<th scope="row">
			<span className="person-name">{name}</span>
			{title ? <span className="person-title">{title}</span> : null}
		</th>
	)
}

/** A sector as a labelled tag, or a dash when the person has no organization. */
export function SectorCell({ sector }: { sector: Sector | null }) {
	return <td>{sector ? <span className={`sector sector-${sector}`}>{SECTOR_LABELS[sector]}</span> : '—'}</td>
}
