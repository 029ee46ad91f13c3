import { CREDIT_SECTOR_LABELS, creditLine } from './contributors.ts'
import type { EditionContent } from './edition-html.ts'
import { escapeMarkdown, renderSectionMarkdown } from './render-markdown.ts'

/** An edition as one Markdown file, in the order of its HTML. */
export function renderEditionMarkdown(content: EditionContent): string {
	const parts = [
		`# ${escapeMarkdown(content.title)}`,
		`${escapeMarkdown(content.taskForceName)} · Edition ${content.number} · Published ${content.publishedOn}`,
	]
	if (content.changeNote) parts.push(`What changed: ${escapeMarkdown(content.changeNote)}`)
	parts.push(
		'## Contents',
		[...content.sections.map((section) => section.title), 'Contributors']
			.map((title, index) => `${index + 1}. ${escapeMarkdown(title)}`)
			.join('\n'),
	)
	for (const section of content.sections) {
		parts.push(`## ${escapeMarkdown(section.title)}`)
		const body = renderSectionMarkdown(section.blocks, { headingOffset: 1 })
		if (body) parts.push(body)
	}
	const { contributors } = content
	parts.push('## Contributors')
	if (contributors.coChairs.length > 0) {
		parts.push(
			'### Co-chairs',
			contributors.coChairs.map((person) => `- ${escapeMarkdown(creditLine(person))}`).join('\n'),
		)
	}
	for (const subcommittee of contributors.subcommittees) {
		parts.push(`### ${escapeMarkdown(subcommittee.name)}`)
		for (const group of subcommittee.sectors) {
			parts.push(
				`#### ${CREDIT_SECTOR_LABELS[group.sector]}`,
				group.organizations
					.map(
						(entry) =>
							`- ${escapeMarkdown(entry.organization ?? 'Not listed with an organization')}: ${escapeMarkdown(entry.people.join(', '))}`,
					)
					.join('\n'),
			)
		}
	}
	const written = contributors.sections.filter((section) => section.people.length > 0)
	if (written.length > 0) {
		parts.push(
			'### Who wrote each section',
			written
				.map(
					(section) =>
						`- ${escapeMarkdown(section.title)}: ${escapeMarkdown(section.people.map(creditLine).join(', '))}`,
				)
				.join('\n'),
		)
	}
	return `${parts.join('\n\n')}\n`
}
