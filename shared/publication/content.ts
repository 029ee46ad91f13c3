import * as Y from 'yjs'
import { MAX_NESTING_DEPTH } from '../collab/editor-schema.ts'
import { FRAGMENT_NAME } from '../collab/messages.ts'

/**
 * A section's text as readers get it: the accepted text (`shared/collab/suggestions.ts` — pending
 * insertions left out, pending deletions kept) as a plain tree in ProseMirror's JSON shape, with
 * only the marks a reader sees. Every output (the read view, the edition's HTML, Markdown, DOCX,
 * the accessibility check) starts from this one tree.
 */
export type ContentMark = { type: 'bold' | 'italic' | 'strike' | 'code' } | { type: 'link'; href: string }

type ContainerType =
	| 'paragraph'
	| 'blockquote'
	| 'bulletList'
	| 'orderedList'
	| 'listItem'
	| 'codeBlock'
	| 'table'
	| 'tableRow'
	| 'tableCell'
	| 'tableHeader'

/** One node type per member, so `Extract<ContentNode, { type: 'table' }>` names a table. */
type Container = { [K in ContainerType]: { type: K; content: ContentNode[] } }[ContainerType]

export type ContentNode =
	| { type: 'text'; text: string; marks: ContentMark[] }
	| { type: 'hardBreak' }
	| { type: 'horizontalRule' }
	| { type: 'heading'; level: number; content: ContentNode[] }
	| Container

export type BlockNode = Exclude<ContentNode, { type: 'text' }>

/** The marks a reader sees; comments and suggestions are review, not text. */
const READER_MARKS = new Set(['bold', 'italic', 'strike', 'code', 'link'])
const CONTAINERS: ReadonlySet<string> = new Set<ContainerType>([
	'paragraph',
	'blockquote',
	'bulletList',
	'orderedList',
	'listItem',
	'codeBlock',
	'table',
	'tableRow',
	'tableCell',
	'tableHeader',
])
/** The zero-width space the suggestion library writes to hold a mark; never text. */
const ANCHOR_CHARACTER = /\u200B/g

function markName(key: string): string {
	return /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key
}

/** Only web and mail links survive into a publication; anything else is kept as plain text. */
function safeHref(value: unknown): string | null {
	if (typeof value !== 'string') return null
	const href = value.trim()
	return /^(https?:\/\/|mailto:)/i.test(href) ? href : null
}

function textRuns(text: Y.XmlText): ContentNode[] {
	const runs: ContentNode[] = []
	for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
		if (typeof op.insert !== 'string') continue
		const attributes = op.attributes ?? {}
		const names = Object.keys(attributes).map(markName)
		if (names.includes('insertion')) continue
		const words = op.insert.replace(ANCHOR_CHARACTER, '')
		if (words === '') continue
		const marks: ContentMark[] = []
		for (const [key, value] of Object.entries(attributes)) {
			const name = markName(key)
			if (!READER_MARKS.has(name)) continue
			if (name === 'link') {
				const href = safeHref((value as { href?: unknown } | null)?.href)
				if (href) marks.push({ type: 'link', href })
			} else marks.push({ type: name as 'bold' })
		}
		runs.push({ type: 'text', text: words, marks })
	}
	return runs
}

function element(node: Y.XmlElement, depth: number): ContentNode[] {
	const name = node.nodeName
	const children = (): ContentNode[] =>
		depth >= MAX_NESTING_DEPTH ? [] : node.toArray().flatMap((child) => convert(child, depth + 1))
	if (name === 'hardBreak' || name === 'horizontalRule') return [{ type: name }]
	if (name === 'heading') {
		const level = Number(node.getAttribute('level'))
		return [{ type: 'heading', level: level >= 1 && level <= 6 ? level : 2, content: children() }]
	}
	if (CONTAINERS.has(name)) return [{ type: name as ContainerType, content: children() } as Container]
	// An element the editor does not know (stored before the structure rule): its words still count.
	return children()
}

function convert(node: unknown, depth: number): ContentNode[] {
	if (node instanceof Y.XmlText) return textRuns(node)
	if (node instanceof Y.XmlElement) return element(node, depth)
	return []
}

/** The reader's tree of a section body (TipTap's `default` fragment). */
export function readerContent(doc: Y.Doc): BlockNode[] {
	return doc
		.getXmlFragment(FRAGMENT_NAME)
		.toArray()
		.flatMap((node) => convert(node, 1))
		.filter((node): node is BlockNode => node.type !== 'text')
}

/** The reader's tree of a stored Yjs state. */
export function readerContentOfState(state: Uint8Array): BlockNode[] {
	const doc = new Y.Doc()
	try {
		Y.applyUpdate(doc, state)
		return readerContent(doc)
	} finally {
		doc.destroy()
	}
}

/** The plain words of a node and everything in it. */
export function plainTextOf(nodes: readonly ContentNode[]): string {
	let out = ''
	for (const node of nodes) {
		if (node.type === 'text') out += node.text
		else if (node.type === 'hardBreak') out += ' '
		else if ('content' in node) out += plainTextOf(node.content)
	}
	return out
}
