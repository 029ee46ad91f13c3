import * as Y from 'yjs'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'
import { acceptedText } from '#shared/collab/suggestions.ts'

/**
 * Whether an update from a connection that may only suggest leaves the section's accepted text as
 * it is (`shared/collab/suggestions.ts`): it may add insertions, mark text for deletion, and take
 * back its own proposals, nothing else. The update goes to a scratch copy of the live document, so
 * a refused one touches nothing; the cost per update on a 160 KB section is in `npm run bench`.
 * Returns why it is refused, or null.
 */
export function findAcceptedTextChange(doc: Y.Doc, update: Uint8Array): string | null {
	const scratch = new Y.Doc({ gc: false })
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc))
		const fragment = scratch.getXmlFragment(FRAGMENT_NAME)
		const before = acceptedText(fragment)
		Y.applyUpdate(scratch, update)
		return acceptedText(fragment) === before
			? null
			: 'a change to the accepted text from a connection that may only suggest'
	} finally {
		scratch.destroy()
	}
}
