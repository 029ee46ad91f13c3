import { href } from 'react-router'
import type { Finding } from '#shared/publication/accessibility.ts'

type Props = { taskForceSlug: string; findings: (Finding & { anchor: string })[] }

/**
 * The accessibility check of the assembled text: each finding says what is wrong and links to its
 * place in the text below and to its section's editor, where it is fixed.
 */
export function ReadAccessibility({ taskForceSlug, findings }: Props) {
	const blocking = findings.filter((finding) => finding.blocking).length
	return (
		<section className="card" aria-labelledby="accessibility-heading">
			<h2 id="accessibility-heading">Accessibility check</h2>
			{findings.length === 0 ? (
				<p className="card-hint">
					No findings: headings in order and not empty, links that say where they go, tables with header rows.
				</p>
			) : (
				<>
					<p className="card-hint">
						{blocking > 0
							? `${blocking} must be fixed before publishing.`
							: 'Nothing blocks publishing; the advice below makes the text easier to follow.'}
					</p>
					<ul className="list read-findings">
						{findings.map((finding) => (
							<li key={`${finding.anchor}-${finding.kind}-${finding.message}`}>
								<strong>{finding.blocking ? 'Must fix' : 'Advice'}:</strong> {finding.message}{' '}
								<span className="read-facts">
									In <a href={`#${finding.anchor}`}>{finding.sectionTitle}</a> ·{' '}
									<a
										href={href('/t/:slug/sections/:sectionId', {
											slug: taskForceSlug,
											sectionId: finding.sectionId,
										})}
									>
										Fix it in the section<span className="visually-hidden"> {finding.sectionTitle}</span>
									</a>
								</span>
							</li>
						))}
					</ul>
				</>
			)}
		</section>
	)
}
