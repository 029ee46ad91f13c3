import type { BlockNode } from './content.ts'
import { CREDIT_SECTOR_LABELS, creditLine, type EditionContributors } from './contributors.ts'
import { escapeHtml, renderSectionHtml } from './render-html.ts'

/** What an edition's HTML is made of, frozen at publication. */
export type EditionContent = {
	taskForceName: string
	title: string
	/** `1.0`, `1.1`… */
	number: string
	/** The publication day in words, in the task force's time zone ("6 December 2026"). */
	publishedOn: string
	changeNote: string | null
	sections: { title: string; blocks: readonly BlockNode[] }[]
	contributors: EditionContributors
}

/** The anchor of the n-th section (from 1) in an edition. */
function editionSectionAnchor(index: number): string {
	return `section-${index + 1}`
}

function contributorsHtml(contributors: EditionContributors): string {
	const list = (items: string[]) =>
		items.length > 0 ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : ''
	const parts = ['<section id="contributors" aria-labelledby="contributors-title">']
	parts.push('<h2 id="contributors-title">Contributors</h2>')
	if (contributors.coChairs.length > 0) {
		parts.push('<h3>Co-chairs</h3>', list(contributors.coChairs.map(creditLine)))
	}
	for (const subcommittee of contributors.subcommittees) {
		parts.push(`<h3>${escapeHtml(subcommittee.name)}</h3>`)
		for (const group of subcommittee.sectors) {
			parts.push(`<h4>${CREDIT_SECTOR_LABELS[group.sector]}</h4>`)
			parts.push(
				list(
					group.organizations.map(
						(entry) =>
							`${entry.organization ?? 'Not listed with an organization'}: ${entry.people.join(', ')}`,
					),
				),
			)
		}
	}
	const written = contributors.sections.filter((section) => section.people.length > 0)
	if (written.length > 0) {
		parts.push('<h3>Who wrote each section</h3><dl>')
		for (const section of written) {
			parts.push(
				`<dt>${escapeHtml(section.title)}</dt><dd>${escapeHtml(section.people.map(creditLine).join(', '))}</dd>`,
			)
		}
		parts.push('</dl>')
	}
	parts.push('</section>')
	return parts.join('\n')
}

/**
 * The body of an edition as HTML: a title block, the contents, every section (its title an h2,
 * its headings below it) and the contributors. Frozen with the edition; pages and downloads put it
 * inside their own frame.
 */
export function renderEditionHtml(content: EditionContent): string {
	const toc = content.sections
		.map(
			(section, index) =>
				`<li><a href="#${editionSectionAnchor(index)}">${escapeHtml(section.title)}</a></li>`,
		)
		.concat('<li><a href="#contributors">Contributors</a></li>')
	const sections = content.sections.map((section, index) => {
		const anchor = editionSectionAnchor(index)
		return [
			`<section id="${anchor}" aria-labelledby="${anchor}-title">`,
			`<h2 id="${anchor}-title">${escapeHtml(section.title)}</h2>`,
			renderSectionHtml(section.blocks, { headingOffset: 1 }),
			'</section>',
		].join('\n')
	})
	return [
		'<header class="edition-title">',
		`<p class="edition-publisher">${escapeHtml(content.taskForceName)}</p>`,
		`<h1>${escapeHtml(content.title)}</h1>`,
		`<p class="edition-meta">Edition ${escapeHtml(content.number)} · Published ${escapeHtml(content.publishedOn)}</p>`,
		content.changeNote ? `<p class="edition-change">What changed: ${escapeHtml(content.changeNote)}</p>` : '',
		'</header>',
		'<nav class="edition-contents" aria-labelledby="contents-title">',
		'<h2 id="contents-title">Contents</h2>',
		`<ol>${toc.join('')}</ol>`,
		'</nav>',
		...sections,
		contributorsHtml(content.contributors),
	]
		.filter((part) => part !== '')
		.join('\n')
}
