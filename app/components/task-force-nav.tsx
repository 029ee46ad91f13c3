import { NavLink } from 'react-router'

type Props = {
	slug: string
	documentId: string | null
	/** Co-chairs also get the phases-and-milestones settings. */
	showSettings?: boolean
}

/** The task force's sections, as tabs that scroll sideways on a phone. */
export function TaskForceNav({ slug, documentId, showSettings = false }: Props) {
	const base = `/t/${slug}`
	const items = [
		{ to: base, label: 'Dashboard', end: true },
		{ to: `${base}/timeline`, label: 'Timeline' },
		{ to: `${base}/subcommittees`, label: 'Subcommittees' },
		{ to: `${base}/assignments`, label: 'Assignments' },
		...(documentId ? [{ to: `${base}/documents/${documentId}`, label: 'Document' }] : []),
		{ to: `${base}/members`, label: 'Members' },
		{ to: `${base}/activity`, label: 'Activity' },
		...(showSettings ? [{ to: `${base}/settings/phases`, label: 'Phases & milestones' }] : []),
	]
	return (
		<nav className="tabs" aria-label="Task force">
			<ul>
				{items.map((item) => (
					<li key={item.to}>
						<NavLink to={item.to} end={item.end}>
							{item.label}
						</NavLink>
					</li>
				))}
			</ul>
		</nav>
	)
}
