import * as Y from 'yjs'
import { acceptedTextOf } from '#shared/collab/suggestions.ts'

const REFUSED = 'a change to the accepted text from a connection that may only suggest'

/**
 * Whether updates from a connection that may only suggest leave the section's accepted text as it
 * is (`shared/collab/suggestions.ts`): they may add insertions, mark text for deletion and take
 * back their own proposals — change text inside paragraphs, nothing else.
 *
 * An update is tried on a **shadow** of the live document, kept in step with it while the room has
 * suggesters (built on the first such update, dropped with the last suggester): nothing is applied
 * to the live document unless it passes. The update may change the text of paragraphs only; each
 * paragraph it changed must read the same, as accepted text, as the live one. So the check costs
 * one more application of the update and a read of the paragraphs it touched, not a copy of the
 * document (`npm run bench` measures it on a 160 KB section). A refused update leaves the shadow
 * astray: it is dropped and built again on the next.
 */
export class SuggestionCheck {
	readonly #live: Y.Doc
	#shadow: Y.Doc | null = null
	readonly #follow = (update: Uint8Array) => {
		if (this.#shadow) Y.applyUpdate(this.#shadow, update)
	}

	constructor(live: Y.Doc) {
		this.#live = live
	}

	/** Why the update is refused, or null when it only suggests. */
	refuses(update: Uint8Array): string | null {
		const shadow = this.#ensureShadow()
		let changed: Map<Y.AbstractType<unknown>, Set<string | null>> | null = null
		const capture = (transaction: Y.Transaction) => {
			changed = transaction.changed as Map<Y.AbstractType<unknown>, Set<string | null>>
		}
		shadow.once('afterTransaction', capture)
		Y.applyUpdate(shadow, update)
		shadow.off('afterTransaction', capture)
		const problem = changed ? this.#problemIn(changed) : null
		if (problem) this.release()
		return problem
	}

	/** Drops the shadow (no suggester left in the room). */
	release(): void {
		if (!this.#shadow) return
		this.#live.off('update', this.#follow)
		this.#shadow.destroy()
		this.#shadow = null
	}

	#ensureShadow(): Y.Doc {
		if (this.#shadow) return this.#shadow
		const shadow = new Y.Doc({ gc: false })
		Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.#live))
		this.#shadow = shadow
		this.#live.on('update', this.#follow)
		return shadow
	}

	#problemIn(changed: Map<Y.AbstractType<unknown>, Set<string | null>>): string | null {
		for (const type of changed.keys()) {
			// Only the text of existing paragraphs may change: no element, attribute or other type.
			if (!(type instanceof Y.XmlText) || type._item === null) return REFUSED
			const live = itemOf(this.#live, type._item.id)
			const liveText = live?.content instanceof Y.ContentType ? live.content.type : null
			if (!(liveText instanceof Y.XmlText)) return REFUSED
			if (type._item.deleted !== live?.deleted) return REFUSED
			if (acceptedTextOf(type) !== acceptedTextOf(liveText)) return REFUSED
		}
		return null
	}
}

/** The item with this id in `doc`, if it has it. */
function itemOf(doc: Y.Doc, id: Y.ID): Y.Item | null {
	if (id.clock >= Y.getState(doc.store, id.client)) return null
	const item = Y.getItem(doc.store, id)
	return item instanceof Y.Item ? item : null
}
