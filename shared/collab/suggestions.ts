import * as Y from 'yjs'

/**
 * Suggestions in a section's text: ProseMirror marks of `@handlewithcare/prosemirror-suggest-changes`
 * — `insertion` on proposed new text, `deletion` on text proposed for removal — each with an `id`
 * that says who proposed it and when (`suggestionId`). Until a writer accepts or rejects one, the
 * **accepted text** is the text with every pending insertion left out and every pending deletion
 * kept: what the section says if all suggestions were rejected. (A whole section's accepted text
 * is its elements as they are with each paragraph's `acceptedTextOf`.)
 */
const SUGGESTION_MARKS = ['insertion', 'deletion', 'modification'] as const

/** The zero-width space the suggestion library writes at block edges to hold a mark; never text. */
const ANCHOR_CHARACTER = /\u200B/g

/** A new suggestion's id: `<user id>:<time, base 36>:<random>`, unique across clients. */
export function suggestionId(userId: string, now: number, random: string): string {
	return `${userId}:${now.toString(36)}:${random}`
}

/** Who proposed a suggestion and when, read from its id; null for an id of another shape. */
export function suggestionAuthor(id: unknown): { userId: string; at: number } | null {
	if (typeof id !== 'string') return null
	const match = /^([^:]+):([0-9a-z]+):[^:]+$/.exec(id)
	if (!match) return null
	const at = Number.parseInt(match[2] as string, 36)
	return Number.isFinite(at) ? { userId: match[1] as string, at } : null
}

/** The mark name of an XmlText formatting key (y-tiptap adds `--<hash>` to marks that overlap). */
function markName(key: string): string {
	const hashed = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)
	return hashed?.[1] ?? key
}

/**
 * The accepted text of one run of text (a paragraph's `Y.XmlText`): its characters with their
 * marks other than suggestions, pending insertions and the library's anchor characters left out,
 * runs with equal marks joined — so where an edit split or merged runs does not matter.
 */
export function acceptedTextOf(text: Y.XmlText): string {
	const out: string[] = []
	let run = ''
	let runMarks = ''
	for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
		const attributes = op.attributes ?? {}
		if (Object.keys(attributes).some((key) => markName(key) === 'insertion')) continue
		const marks = JSON.stringify(
			Object.entries(attributes)
				.filter(([key]) => !(SUGGESTION_MARKS as readonly string[]).includes(markName(key)))
				.map(([key, value]) => [markName(key), value])
				.sort(([a], [b]) => String(a).localeCompare(String(b))),
		)
		const words = typeof op.insert === 'string' ? op.insert.replace(ANCHOR_CHARACTER, '') : '\uFFFC'
		if (words === '') continue
		if (marks !== runMarks && run !== '') {
			out.push(JSON.stringify([runMarks, run]))
			run = ''
		}
		runMarks = marks
		run += words
	}
	if (run !== '') out.push(JSON.stringify([runMarks, run]))
	return out.join('')
}

/** How many suggestions (distinct ids) are pending in a section's text. */
export function countSuggestions(fragment: Y.XmlFragment): number {
	const ids = new Set<unknown>()
	const walk = (type: Y.XmlFragment | Y.XmlText) => {
		if (type instanceof Y.XmlText) {
			for (const op of type.toDelta() as Array<{ attributes?: Record<string, unknown> }>) {
				for (const [key, value] of Object.entries(op.attributes ?? {})) {
					const name = markName(key)
					if (name === 'insertion' || name === 'deletion') ids.add((value as { id?: unknown } | null)?.id)
				}
			}
			return
		}
		for (const child of type.toArray()) {
			if (child instanceof Y.XmlElement || child instanceof Y.XmlText) walk(child)
		}
	}
	walk(fragment)
	return ids.size
}
