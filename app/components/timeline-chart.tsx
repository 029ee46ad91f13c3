import { useEffect, useMemo, useRef, useState } from 'react'
import type { Timeline } from '#server/task-forces/timeline.server.ts'
import { formatDate } from '#shared/dates.ts'
import { layoutTimeline, type Marker, type TimelineLayout } from './timeline-layout.ts'
import { MarkerIcon } from './timeline-marker.tsx'

type Props = {
	timeline: Pick<Timeline, 'phases' | 'lanes' | 'today' | 'publicationDate'>
	/** The id of the text that explains the chart and points to the tables. */
	describedBy: string
}

const SCROLL_LABEL = 'Timeline chart (scrolls sideways on a small screen)'

/** Where a label near a vertical line is anchored, so it stays inside the plot. */
function anchorFor(x: number, layout: TimelineLayout): 'start' | 'middle' | 'end' {
	if (x > layout.plotRight - 110) return 'end'
	if (x < layout.plotLeft + 110) return 'start'
	return 'middle'
}

function Grid({ layout }: { layout: TimelineLayout }) {
	return (
		// Words a screen reader would meet out of context; every marker's name already says them.
		// biome-ignore lint/a11y/noAriaHiddenOnFocusable: nothing inside this group takes focus.
		<g aria-hidden="true">
			{layout.lanes.map((lane, index) => (
				<rect
					key={lane.name}
					x="0"
					y={lane.top}
					width={layout.plotRight}
					height={lane.height}
					className={index % 2 === 0 ? 'timeline-lane timeline-lane-even' : 'timeline-lane'}
				/>
			))}
			{layout.bands
				.filter((band) => band.status === 'active')
				.map((band) => (
					<rect
						key={band.id}
						x={band.x}
						y={band.y + band.height}
						width={band.width}
						height={layout.plotBottom - band.y - band.height}
						className="timeline-active-shade"
					/>
				))}
			{layout.ticks.map((tick) => (
				<g key={tick.date}>
					<line
						x1={tick.x}
						x2={tick.x}
						y1={layout.axisTop + 4}
						y2={layout.plotBottom}
						className="timeline-tick"
					/>
					<text x={tick.x + 4} y={layout.axisTop + 16} className="timeline-tick-label">
						{tick.label}
					</text>
				</g>
			))}
			<text x="8" y={layout.bands[0] ? layout.bands[0].y + 32 : 0} className="timeline-row-label">
				Phases
			</text>
			<text x="8" y={layout.milestoneRow.top + 24} className="timeline-row-label">
				Milestones
			</text>
			<text x="8" y={layout.lanesTop - 8} className="timeline-row-label">
				Section due dates
			</text>
			{layout.lanes.map((lane) => (
				<text
					key={lane.name}
					x="8"
					y={lane.top + (lane.label.length > 1 ? 17 : 24)}
					className="timeline-lane-label"
				>
					{lane.label.map((line, index) => (
						<tspan key={line} x="8" dy={index === 0 ? 0 : 15}>
							{line}
						</tspan>
					))}
				</text>
			))}
		</g>
	)
}

/** Phases as bands, with their name, dates and status written inside (clipped to the band). */
function Bands({ layout }: { layout: TimelineLayout }) {
	return (
		<g>
			{layout.bands.map((band) => (
				<g key={band.id} className={`timeline-band timeline-band-${band.status}`}>
					<clipPath id={`timeline-clip-${band.kind}`}>
						<rect x={band.x} y={band.y} width={band.width} height={band.height} />
					</clipPath>
					<rect x={band.x + 1} y={band.y} width={Math.max(band.width - 2, 1)} height={band.height} rx="6" />
					<g clipPath={`url(#timeline-clip-${band.kind})`}>
						<text x={band.x + 9} y={band.y + 19} className="timeline-band-name">
							{band.name}
						</text>
						<text x={band.x + 9} y={band.y + 35} className="timeline-band-detail">
							{band.dates}
						</text>
						<text x={band.x + 9} y={band.y + 50} className="timeline-band-detail timeline-band-status">
							{band.status === 'complete' ? `✓ ${band.statusLabel}` : band.statusLabel}
						</text>
					</g>
				</g>
			))}
		</g>
	)
}

/** The "today" line and the publication date, each labelled in words. */
function Lines({ layout }: { layout: TimelineLayout }) {
	const { today, publication } = layout
	return (
		<g>
			<g className="timeline-publication">
				<line
					x1={publication.x}
					x2={publication.x}
					y1={layout.axisTop}
					y2={layout.plotBottom + 6}
					className="timeline-publication-line"
				/>
				<path
					d={`M${publication.x} ${layout.axisTop} l11 5 l-11 5 Z`}
					className="timeline-publication-flag"
				/>
				<text
					x={publication.x}
					y={layout.plotBottom + 22}
					textAnchor={anchorFor(publication.x, layout)}
					className="timeline-line-label"
				>
					Publication, {formatDate(publication.date)}
				</text>
			</g>
			{today.within ? (
				<g className="timeline-today">
					{/* Interrupted across the phase bands, so it never runs through their words. */}
					<path
						d={`M${today.x} ${layout.axisTop - 4} V${layout.bandTop} M${today.x} ${layout.bandBottom} V${layout.plotBottom}`}
						className="timeline-today-line"
					/>
					<text x={today.x} y="14" textAnchor={anchorFor(today.x, layout)} className="timeline-line-label">
						Today, {formatDate(today.date)}
					</text>
				</g>
			) : (
				<text
					x={today.after ? layout.plotRight : layout.plotLeft}
					y="14"
					textAnchor={today.after ? 'end' : 'start'}
					className="timeline-line-label timeline-today"
				>
					{today.after
						? `Today, ${formatDate(today.date)}, is after this timeline →`
						: `← Today, ${formatDate(today.date)}, is before this timeline`}
				</text>
			)}
		</g>
	)
}

/** The details box of the marker in focus or under the pointer, placed next to it. */
function Tip({
	marker,
	layout,
	onEnter,
	onLeave,
}: {
	marker: Marker
	layout: TimelineLayout
	onEnter: () => void
	onLeave: () => void
}) {
	const horizontal =
		marker.x > layout.width * 0.72 ? 'end' : marker.x < layout.width * 0.32 ? 'start' : 'middle'
	const vertical = marker.y > layout.height * 0.55 ? 'above' : 'below'
	return (
		// The marker's own name already says all this to a screen reader; this box is for the eyes.
		<div
			className={`timeline-tip timeline-tip-${horizontal} timeline-tip-${vertical}`}
			style={{ left: `${(marker.x / layout.width) * 100}%`, top: `${(marker.y / layout.height) * 100}%` }}
			aria-hidden="true"
			onPointerEnter={onEnter}
			onPointerLeave={onLeave}
		>
			<strong>{marker.heading}</strong>
			{marker.lines.map((line) => (
				<span key={line}>{line}</span>
			))}
		</div>
	)
}

/**
 * The whole run-up as an SVG drawn on the server: phases as bands, milestones and section due dates
 * as markers, a "today" line and the publication date. Each marker is a link to its row in the
 * tables below, named by its `<title>`; hovering or focusing one shows its details next to it.
 */
export function TimelineChart({ timeline, describedBy }: Props) {
	const layout = useMemo(() => layoutTimeline(timeline), [timeline])
	const [activeId, setActiveId] = useState<string | null>(null)
	const hideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	useEffect(() => () => clearTimeout(hideTimer.current), [])
	const show = (id: string) => {
		clearTimeout(hideTimer.current)
		setActiveId(id)
	}
	// A short delay lets the pointer travel from the marker onto its details box (WCAG 1.4.13).
	const hideSoon = () => {
		clearTimeout(hideTimer.current)
		hideTimer.current = setTimeout(() => setActiveId(null), 250)
	}
	const active = layout.markers.find((marker) => marker.id === activeId) ?? null

	return (
		<div className="timeline-frame">
			{/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so keyboard users can scroll it (WCAG 2.1.1). */}
			<section className="timeline-scroll" aria-label={SCROLL_LABEL} tabIndex={0}>
				<div className="timeline-canvas">
					{/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names its links. */}
					<svg
						className="timeline-svg"
						viewBox={`0 0 ${layout.width} ${layout.height}`}
						role="group"
						aria-labelledby="timeline-svg-title"
						aria-describedby={describedBy}
					>
						<title id="timeline-svg-title">Timeline chart</title>
						<Grid layout={layout} />
						<Bands layout={layout} />
						<Lines layout={layout} />
						<g>
							{layout.markers.map((marker) => (
								<a
									key={marker.id}
									href={`#${marker.id}`}
									className="timeline-marker"
									onFocus={() => show(marker.id)}
									onBlur={() => setActiveId((current) => (current === marker.id ? null : current))}
									onPointerEnter={() => show(marker.id)}
									onPointerLeave={hideSoon}
									onKeyDown={(event) => {
										if (event.key === 'Escape') setActiveId(null)
									}}
								>
									<title>{marker.title}</title>
									<g transform={`translate(${marker.x} ${marker.y})`}>
										<circle r="14" className="timeline-hit" />
										<circle r="14" className="timeline-ring" />
										<MarkerIcon shape={marker.shape} />
										{marker.count > 1 ? (
											<text x="12" y="-8" className="timeline-count">
												{marker.count}
											</text>
										) : null}
									</g>
								</a>
							))}
						</g>
					</svg>
				</div>
			</section>
			{active ? (
				<Tip marker={active} layout={layout} onEnter={() => show(active.id)} onLeave={hideSoon} />
			) : null}
		</div>
	)
}
