import * as buffer from 'lib0/buffer'
import * as sha256 from 'lib0/hash/sha256'

/**
 * A comment thread's anchor in a section's text: a ProseMirror mark named `comment` whose only
 * attribute is the thread's id (the thread's words, authors and status live in SQLite). It may
 * overlap itself (two threads on one word) and does not grow when someone types at its edge.
 */
export const COMMENT_MARK = 'comment'

/** The mark's attributes, as the editor and the server write them. */
type CommentMarkAttrs = { threadId: string }

/**
 * The XmlText formatting key y-tiptap writes for a `comment` mark with these attributes: marks
 * that may overlap themselves are stored as `name--<hash of the mark's JSON>` so two can coexist.
 * The server writes the very same key, so an editor that later touches the text finds its mark
 * already there instead of rewriting it (`tests/shared/comment-anchor.test.ts` checks it against
 * y-tiptap's own encoding).
 */
export function commentMarkKey(threadId: string): string {
	const json = { type: COMMENT_MARK, attrs: { threadId } satisfies CommentMarkAttrs }
	return `${COMMENT_MARK}--${buffer.toBase64(convolute(sha256.digest(buffer.encodeAny(json))))}`
}

/** y-tiptap's `_convolute`: folds a SHA-256 digest into 6 bytes (8 base64 characters). */
function convolute(digest: Uint8Array): Uint8Array {
	const size = 6
	for (let i = size; i < digest.length; i++)
		digest[i % size] = (digest[i % size] as number) ^ (digest[i] as number)
	return digest.slice(0, size)
}

/** The thread id of an XmlText formatting key, if it is a comment anchor's. */
export function threadIdOfKey(key: string, value: unknown): string | null {
	if (key !== COMMENT_MARK && !key.startsWith(`${COMMENT_MARK}--`)) return null
	const threadId = (value as Partial<CommentMarkAttrs> | null)?.threadId
	return typeof threadId === 'string' ? threadId : null
}
