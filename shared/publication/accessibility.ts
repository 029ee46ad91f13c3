import type { BlockNode, ContentNode } from './content.ts'
import { plainTextOf } from './content.ts'

/**
 * The accessibility check of an assembled document, computed from the reader's trees. Blocking
 * findings stop an edition from being published (WCAG 2.1 level A failures: 1.3.1 info and
 * relationships, 2.4.4 link purpose, 2.4.6 headings); the others are advice.
 *
 * Two checks of the list in issue 14 have nothing to look at: the editor has no images (so no
 * missing alt text) and no colour (so no meaning carried only by colour). They join this list
 * when the editor gains either.
 */
type FindingKind = 'empty-heading' | 'heading-order' | 'vague-link' | 'empty-link' | 'table-header'

export type Finding = {
	kind: FindingKind
	blocking: boolean
	sectionId: string
	sectionTitle: string
	/** Index of the top-level block of the section that holds the problem. */
	block: number
	message: string
}

export type CheckedSection = { id: string; title: string; blocks: readonly BlockNode[] }

/** Link words that do not say where the link goes, compared lower-cased without punctuation. */
const VAGUE_LINK_TEXT = new Set([
	'here',
	'click here',
	'click',
	'read more',
	'more',
	'learn more',
	'link',
	'this link',
	'this',
	'go',
	'details',
	'more info',
	'more information',
])

const FINDING_BLOCKS: Record<FindingKind, boolean> = {
	'empty-heading': true,
	'vague-link': true,
	'empty-link': true,
	'table-header': true,
	'heading-order': false,
}

function links(nodes: readonly ContentNode[]): string[] {
	// Adjacent runs of one link (bold in the middle of it) read as one link.
	const found: string[] = []
	let current: { href: string; text: string } | null = null
	const visit = (list: readonly ContentNode[]) => {
		for (const node of list) {
			if (node.type === 'text') {
				const link = node.marks.find((mark) => mark.type === 'link')
				if (link && link.type === 'link' && current?.href === link.href) current.text += node.text
				else {
					if (current) found.push(current.text)
					current = link && link.type === 'link' ? { href: link.href, text: node.text } : null
				}
			} else if ('content' in node) visit(node.content)
		}
	}
	visit(nodes)
	if (current) found.push((current as { text: string }).text)
	return found
}

function tables(node: ContentNode): Extract<ContentNode, { type: 'table' }>[] {
	if (node.type === 'table') return [node]
	return 'content' in node ? node.content.flatMap(tables) : []
}

function headings(node: ContentNode): Extract<ContentNode, { type: 'heading' }>[] {
	if (node.type === 'heading') return [node]
	return 'content' in node ? node.content.flatMap(headings) : []
}

/** Every finding of the document, in reading order. */
export function checkAccessibility(sections: readonly CheckedSection[]): Finding[] {
	const findings: Finding[] = []
	for (const section of sections) {
		const add = (kind: FindingKind, block: number, message: string) =>
			findings.push({
				kind,
				blocking: FINDING_BLOCKS[kind],
				sectionId: section.id,
				sectionTitle: section.title,
				block,
				message,
			})
		// The section's title is the level above its first heading (the editor's level 2).
		let previousLevel = 1
		section.blocks.forEach((block, index) => {
			for (const heading of headings(block)) {
				const words = plainTextOf(heading.content).trim()
				if (words === '')
					add('empty-heading', index, 'A heading has no text. Give it words or make it a paragraph.')
				else if (heading.level > previousLevel + 1)
					add(
						'heading-order',
						index,
						`The heading “${words}” skips a level (level ${heading.level} after level ${previousLevel}).`,
					)
				previousLevel = heading.level
			}
			for (const text of links([block])) {
				const words = text.trim()
				const plain = words
					.toLowerCase()
					.replace(/[^\p{L}\p{N} ]/gu, '')
					.trim()
				if (words === '')
					add('empty-link', index, 'A link has no words. Give it words that say where it goes.')
				else if (VAGUE_LINK_TEXT.has(plain))
					add(
						'vague-link',
						index,
						`The link “${words}” does not say where it goes. Use words that name the page.`,
					)
			}
			for (const table of tables(block)) {
				const first = table.content[0]
				const headed =
					first !== undefined &&
					'content' in first &&
					first.content.length > 0 &&
					first.content.every((cell) => cell.type === 'tableHeader')
				if (!headed)
					add(
						'table-header',
						index,
						'A table has no header row. Make its first row headers (Table → “Header row”) so each cell is read with its column.',
					)
			}
		})
	}
	return findings
}
