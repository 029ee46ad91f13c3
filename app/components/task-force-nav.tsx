import { href, NavLink } from 'react-router'

type Props = {
	slug: string
	documentId: string | null
	/** Co-chairs also get the phases-and-milestones settings. */
	showSettings?: boolean
}

/** The task force's sections, as tabs that scroll sideways on a phone. */
export function TaskForceNav({ slug, documentId, showSettings = false }: Props) {
	const items = [
		{ to: href('/t/:slug', { slug }), label: 'Dashboard', end: true },
		{ to: href('/t/:slug/timeline', { slug }), label: 'Timeline' },
		{ to: href('/t/:slug/subcommittees', { slug }), label: 'Subcommittees' },
		{ to: href('/t/:slug/assignments', { slug }), label: 'Assignments' },
		...(documentId
			? [{ to: href('/t/:slug/documents/:documentId', { slug, documentId }), label: 'Document' }]
			: []),
		{ to: href('/t/:slug/members', { slug }), label: 'Members' },
		{ to: href('/t/:slug/activity', { slug }), label: 'Activity' },
		...(showSettings
			? [{ to: href('/t/:slug/settings/phases', { slug }), label: 'Phases & milestones' }]
			: []),
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
