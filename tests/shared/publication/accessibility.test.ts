import { expect, test } from 'vitest'
import { checkAccessibility } from '#shared/publication/accessibility.ts'
import type { BlockNode, ContentNode } from '#shared/publication/content.ts'

const words = (text: string, link?: string): ContentNode => ({
	type: 'text',
	text,
	marks: link ? [{ type: 'link', href: link }] : [],
})
const heading = (level: number, text: string): BlockNode => ({
	type: 'heading',
	level,
	content: text ? [words(text)] : [],
})
const paragraph = (...content: ContentNode[]): BlockNode => ({ type: 'paragraph', content })
const cell = (type: 'tableHeader' | 'tableCell', text: string): ContentNode => ({
	type,
	content: [paragraph(words(text))],
})
const table = (headed: boolean): BlockNode => ({
	type: 'table',
	content: [
		{ type: 'tableRow', content: [cell(headed ? 'tableHeader' : 'tableCell', 'City')] },
		{ type: 'tableRow', content: [cell('tableCell', 'Austin')] },
	],
})

test('each kind of finding is found in its block, blocking or not, and good text has none', () => {
	const cases: Array<{ name: string; blocks: BlockNode[]; expected: string[] }> = [
		{
			name: 'good text',
			blocks: [
				heading(2, 'Scope'),
				heading(3, 'Details'),
				paragraph(words('See the '), words('open data portal', 'https://data.example.org')),
				table(true),
			],
			expected: [],
		},
		{
			name: 'empty heading',
			blocks: [paragraph(words('x')), heading(2, '')],
			expected: ['empty-heading@1 blocking'],
		},
		{
			name: 'skipped level',
			blocks: [heading(2, 'A'), heading(4, 'B')],
			expected: ['heading-order@1 advice'],
		},
		{ name: 'first heading too deep', blocks: [heading(3, 'A')], expected: ['heading-order@0 advice'] },
		{
			name: 'vague link',
			blocks: [paragraph(words('For more, '), words('click here', 'https://example.org'), words('.'))],
			expected: ['vague-link@0 blocking'],
		},
		{
			name: 'link "Read more."',
			blocks: [paragraph(words('Read more.', 'https://x.org'))],
			expected: ['vague-link@0 blocking'],
		},
		{
			name: 'blank link',
			blocks: [paragraph(words('  ', 'https://x.org'))],
			expected: ['empty-link@0 blocking'],
		},
		{
			name: 'table without header row',
			blocks: [heading(2, 'A'), table(false)],
			expected: ['table-header@1 blocking'],
		},
	]
	const wrong: string[] = []
	for (const { name, blocks, expected } of cases) {
		const found = checkAccessibility([{ id: 's', title: 'S', blocks }]).map(
			(finding) => `${finding.kind}@${finding.block} ${finding.blocking ? 'blocking' : 'advice'}`,
		)
		if (JSON.stringify(found) !== JSON.stringify(expected))
			wrong.push(`${name}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(found)}`)
	}
	expect(wrong).toEqual([])
})

test('heading order restarts in each section, whose title stands above its first heading', () => {
	const findings = checkAccessibility([
		{ id: 'a', title: 'A', blocks: [heading(2, 'One'), heading(3, 'Two')] },
		{ id: 'b', title: 'B', blocks: [heading(2, 'Three')] },
	])
	expect(findings).toEqual([])
})
