import { createHash } from 'node:crypto'
import type * as Y from 'yjs'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { extractText } from '#shared/collab/text.ts'
import { countWords } from '#shared/word-count.ts'

const EXCERPT_CHARS = 280

/** What a version shows without decoding it again (see `describeText`). */
export type TextDescription = { wordCount: number; excerpt: string; digest: string }

/**
 * What a version shows without decoding it again: words, the first lines, and a digest of the
 * text's structure (blocks, marks and text; not its editing history), which tells whether two
 * states read the same. Database-free, so the section-load worker describes what it loads.
 */
export function describeText(doc: Y.Doc): TextDescription {
	const text = extractText(doc)
	return {
		wordCount: countWords(text),
		excerpt: text.slice(0, EXCERPT_CHARS),
		digest: textDigest(doc),
	}
}

/** The digest of `describeText`: equal for two documents whose text, blocks and marks are equal. */
export function textDigest(doc: Y.Doc): string {
	return createHash('sha256').update(doc.getXmlFragment(FRAGMENT_NAME).toString()).digest('base64url')
}
