import * as Y from 'yjs'
import { commentMarkKey } from '#shared/collab/comment-anchor.ts'
import { MAX_NESTING_DEPTH } from '#shared/collab/editor-schema.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { THREAD_QUOTE_MAX } from '#shared/validation/comments.ts'

/**
 * Runs of text one comment may span (each gets its own formatting in the document): a dozen pages
 * of paragraphs, far beyond what anyone comments on, and a bound on what one comment adds.
 */
export const ANCHOR_MAX_RUNS = 200

/** A stretch of one XmlText: characters `from` up to `to`. */
type Piece = { text: Y.XmlText; from: number; to: number }

/** One end of a selection, as the editor sent it: base64 of `Y.encodeRelativePosition`. */
export function decodeAnchorEnd(encoded: string): Y.RelativePosition | null {
	try {
		return Y.decodeRelativePosition(Buffer.from(encoded, 'base64'))
	} catch {
		return null
	}
}

/**
 * The text between two positions of a section's live document, ready to be anchored: the words it
 * covers (the thread's quote, as the server reads them, not as the browser claims) and a change
 * that puts the thread's mark on them. Null when the positions no longer resolve, are in the wrong
 * order, or cover no text — the person selects again; `'too_long'` past `ANCHOR_MAX_RUNS` runs.
 */
export function findAnchorRange(
	doc: Y.Doc,
	from: Y.RelativePosition,
	to: Y.RelativePosition,
): { quote: string; mark: (threadId: string) => void } | 'too_long' | null {
	const start = Y.createAbsolutePositionFromRelativePosition(from, doc)
	const end = Y.createAbsolutePositionFromRelativePosition(to, doc)
	if (!start || !end) return null
	const pieces = piecesBetween(doc.getXmlFragment(FRAGMENT_NAME), start, end)
	if (!pieces || pieces.length === 0) return null
	if (pieces.length > ANCHOR_MAX_RUNS) return 'too_long'
	const quote = pieces
		.map((piece) => plainText(piece))
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim()
	if (quote === '') return null
	return {
		quote: quote.length <= THREAD_QUOTE_MAX ? quote : `${quote.slice(0, THREAD_QUOTE_MAX - 1)}…`,
		mark: (threadId) => {
			const key = commentMarkKey(threadId)
			for (const piece of pieces)
				piece.text.format(piece.from, piece.to - piece.from, { [key]: { threadId } })
		},
	}
}

/**
 * The stretches of text from `start` to `end`, in document order, walking the element tree once
 * (bounded in depth: a stored section is never nested deeper than the schema allows). Null when
 * `end` comes before `start` or is never met.
 */
function piecesBetween(
	fragment: Y.XmlFragment,
	start: Y.AbsolutePosition,
	end: Y.AbsolutePosition,
): Piece[] | null {
	const pieces: Piece[] = []
	let inside = false
	let done = false
	const visit = (type: Y.XmlFragment | Y.XmlText, depth: number): void => {
		if (type instanceof Y.XmlText) {
			let from = 0
			let to = type.length
			if (type === start.type) {
				inside = true
				from = start.index
			}
			if (type === end.type) {
				if (!inside) return
				to = end.index
				done = true
			}
			if (inside && to > from) pieces.push({ text: type, from, to })
			return
		}
		if (depth > MAX_NESTING_DEPTH) return
		const children = type.toArray()
		for (let index = 0; index <= children.length && !done; index++) {
			if (type === start.type && start.index === index) inside = true
			if (type === end.type && end.index === index) {
				done = inside
				return
			}
			const child = children[index]
			if (child instanceof Y.XmlElement || child instanceof Y.XmlText) visit(child, depth + 1)
		}
	}
	visit(fragment, 0)
	return done ? pieces : null
}

/** The characters of one piece (an embed counts as one character and reads as nothing). */
function plainText(piece: Piece): string {
	let at = 0
	let out = ''
	for (const op of piece.text.toDelta() as Array<{ insert: unknown }>) {
		const text = typeof op.insert === 'string' ? op.insert : ' '
		const opEnd = at + text.length
		if (opEnd > piece.from && at < piece.to) {
			out += text.slice(Math.max(0, piece.from - at), Math.min(text.length, piece.to - at))
		}
		at = opEnd
		if (at >= piece.to) break
	}
	return out
}
