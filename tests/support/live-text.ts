import { afterEach } from 'vitest'
import * as Y from 'yjs'
import type { Db } from '#db/client.server.ts'
import { CollabServer } from '#server/collab/collab-server.server.ts'
import { createCollabMetrics } from '#server/collab/metrics.server.ts'
import { createLogger } from '#server/logger.server.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'

const running: CollabServer[] = []
afterEach(() => {
	for (const collab of running.splice(0)) collab.shutdown()
})

/**
 * A real collaboration server over a test's database, without sockets: for operations that change
 * a section's live text (anchoring a comment). `write` gives a section paragraphs; `select` is what
 * the editor sends for a selection of some words (Yjs relative positions, base64).
 */
export function liveText(db: Db) {
	const collab = new CollabServer({ db, metrics: createCollabMetrics(), logger: createLogger('silent') })
	running.push(collab)

	function doc(sectionId: string): Y.Doc {
		const found = collab.changeDocument(sectionId, (live) => live, { userId: null })
		if (!found) throw new Error(`section ${sectionId} did not load`)
		return found.value
	}

	function write(sectionId: string, ...paragraphs: string[]): void {
		collab.changeDocument(
			sectionId,
			(live) => {
				const fragment = live.getXmlFragment(FRAGMENT_NAME)
				fragment.insert(
					fragment.length,
					paragraphs.map((text) => {
						const paragraph = new Y.XmlElement('paragraph')
						paragraph.insert(0, [new Y.XmlText(text)])
						return paragraph
					}),
				)
			},
			{ userId: null },
		)
		collab.flush()
	}

	function select(sectionId: string, words: string): { anchorFrom: string; anchorTo: string } {
		for (const paragraph of doc(sectionId).getXmlFragment(FRAGMENT_NAME).toArray()) {
			const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
			if (!(text instanceof Y.XmlText)) continue
			const plain = (text.toDelta() as Array<{ insert: unknown }>)
				.map((op) => (typeof op.insert === 'string' ? op.insert : ' '))
				.join('')
			const at = plain.indexOf(words)
			if (at < 0) continue
			return {
				anchorFrom: encode(Y.createRelativePositionFromTypeIndex(text, at, -1)),
				anchorTo: encode(Y.createRelativePositionFromTypeIndex(text, at + words.length, -1)),
			}
		}
		throw new Error(`“${words}” is not in the section`)
	}

	return { collab, doc, write, select }
}

function encode(position: Y.RelativePosition): string {
	return Buffer.from(Y.encodeRelativePosition(position)).toString('base64')
}
