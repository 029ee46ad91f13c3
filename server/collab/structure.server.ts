import * as Y from 'yjs'
import { isEditorElement, isEditorMark, MAX_NESTING_DEPTH } from '#shared/collab/editor-schema.ts'
import { FRAGMENT_NAME } from '#shared/collab/messages.ts'

/**
 * Where a struct of an update will sit once applied: in the section's fragment (depth 0) or in an
 * element at that depth; in a text; somewhere the editor never looks (another root type, an
 * attribute); nowhere (its parent is deleted, so Yjs garbage-collects it on arrival); or unknown
 * (it depends on content neither the document nor the update has).
 */
type Place = number | 'text' | 'elsewhere' | 'gone' | 'missing'

/** A place still to be worked out: once `after` has its place, `finish` turns it into ours. */
type Step = { after: Y.Item; finish: (place: Place) => Place | Step }

/**
 * Refuses an update whose new content the editor could not render: elements and marks its schema
 * does not know, Yjs types where it expects none, elements nested deeper than `MAX_NESTING_DEPTH`.
 * It reads the structs the update decoded into (no scratch document) against the live document:
 * typing adds text items and costs one type check each; only new elements are placed, by walking
 * up through the update (memoised, with an explicit stack: a 20,000-deep update must not overflow
 * this side's stack) and then through the document, at most `MAX_NESTING_DEPTH` levels.
 * Returns why it is refused, or null when it is fine.
 */
export function findStructureProblem(
	structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
	doc: Y.Doc,
): string | null {
	const places = new Places(structs, doc)
	if (places.disordered) return 'structs of one client out of order (no editor sends that)'
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue
		const { content } = struct
		if (content instanceof Y.ContentFormat) {
			if (!isEditorMark(content.key)) return `unknown mark ${JSON.stringify(content.key)}`
			continue
		}
		if (!(content instanceof Y.ContentType)) continue
		// Already in the document (sent again): Yjs skips it, and it was checked when it came.
		if (struct.id.clock < Y.getState(doc.store, struct.id.client)) continue
		const { type } = content
		if (!(type instanceof Y.XmlElement || type instanceof Y.XmlText))
			return 'a kind of Yjs type the editor does not use'
		if (type instanceof Y.XmlElement && !isEditorElement(type.nodeName))
			return `unknown element ${JSON.stringify(type.nodeName)}`
		if (struct.parentSub !== null) return 'a Yjs type as an attribute value'
		const place = places.of(struct)
		if (place === 'gone') continue
		if (place === 'missing') return 'an element whose place depends on content the server does not have'
		if (typeof place !== 'number') return 'an element outside the section’s element tree'
		if (type instanceof Y.XmlElement && place + 1 > MAX_NESTING_DEPTH)
			return `elements nested deeper than ${MAX_NESTING_DEPTH}`
	}
	return null
}

/** The places of an update's structs, worked out on demand and remembered. */
class Places {
	readonly #doc: Y.Doc
	readonly #fragment: Y.XmlFragment | null
	/** The update's structs by client, in clock order (as decoded), for finding one by id. */
	readonly #byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>()
	readonly #known = new Map<Y.Item, Place>()
	/**
	 * A client's structs overlap or go back in time: Yjs keeps only one run per client and drops
	 * the rest, so a look-up here could find a struct that never lands. Such updates are refused.
	 */
	disordered = false

	constructor(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>, doc: Y.Doc) {
		this.#doc = doc
		this.#fragment = sectionFragment(doc)
		for (const struct of structs) {
			const list = this.#byClient.get(struct.id.client)
			if (!list) this.#byClient.set(struct.id.client, [struct])
			else {
				const last = list[list.length - 1] as Y.Item | Y.GC | Y.Skip
				if (struct.id.clock < last.id.clock + last.length) this.disordered = true
				list.push(struct)
			}
		}
	}

	/** The place of an item of the update (iteratively: chains of parents and siblings can be long). */
	of(item: Y.Item): Place {
		const stack: Array<{ item: Y.Item; step: Step | null }> = [{ item, step: null }]
		const open = new Set<Y.Item>([item])
		while (stack.length > 0) {
			const top = stack[stack.length - 1] as (typeof stack)[number]
			let outcome: Place | Step
			if (top.step === null) outcome = this.#first(top.item)
			else {
				const after = this.#known.get(top.step.after)
				if (after === undefined) {
					// A parent or origin that leads back to this item: no document can hold that.
					if (open.has(top.step.after)) outcome = 'missing'
					else {
						stack.push({ item: top.step.after, step: null })
						open.add(top.step.after)
						continue
					}
				} else outcome = top.step.finish(after)
			}
			if (typeof outcome === 'object') {
				top.step = outcome
				continue
			}
			this.#known.set(top.item, outcome)
			open.delete(top.item)
			stack.pop()
		}
		return this.#known.get(item) as Place
	}

	/** An item's place from its own fields: final, or waiting on another item of the update. */
	#first(item: Y.Item): Place | Step {
		const known = this.#known.get(item)
		if (known !== undefined) return known
		const { parent } = item
		if (typeof parent === 'string') {
			return parent === FRAGMENT_NAME && item.parentSub === null ? 0 : 'elsewhere'
		}
		if (parent instanceof Y.ID) {
			if (item.parentSub !== null) return 'elsewhere'
			return this.#insideOf(parent)
		}
		// No parent written: Yjs takes the left neighbour's (its origin), else the right one's.
		const fromLeft = item.origin ? this.#besideOf(item.origin) : 'gone'
		const fromRight = (): Place | Step => (item.rightOrigin ? this.#besideOf(item.rightOrigin) : 'gone')
		if (typeof fromLeft === 'object') {
			return { after: fromLeft.after, finish: (place) => orElse(fromLeft.finish(place), fromRight) }
		}
		return orElse(fromLeft, fromRight)
	}

	/** The place of content inside the type whose item has id `id`. */
	#insideOf(id: Y.ID): Place | Step {
		const inDoc = this.#fromDoc(id)
		if (inDoc) {
			if (!(inDoc instanceof Y.Item) || !(inDoc.content instanceof Y.ContentType)) return 'gone'
			return this.#placeInDoc(inDoc.content.type)
		}
		const inUpdate = this.#fromUpdate(id)
		if (!(inUpdate instanceof Y.Item)) return inUpdate instanceof Y.GC ? 'gone' : 'missing'
		const { content } = inUpdate
		if (!(content instanceof Y.ContentType)) return 'gone'
		if (!(content.type instanceof Y.XmlElement)) return 'text'
		return { after: inUpdate, finish: (place) => (typeof place === 'number' ? place + 1 : place) }
	}

	/** The place of content next to the struct holding `id` (the same as that struct's). */
	#besideOf(id: Y.ID): Place | Step {
		const inDoc = this.#fromDoc(id)
		if (inDoc) {
			if (!(inDoc instanceof Y.Item)) return 'gone'
			if (inDoc.parentSub !== null) return 'elsewhere'
			return this.#placeInDoc(inDoc.parent)
		}
		const inUpdate = this.#fromUpdate(id)
		if (!(inUpdate instanceof Y.Item)) return inUpdate instanceof Y.GC ? 'gone' : 'missing'
		if (inUpdate.parentSub !== null) return 'elsewhere'
		return { after: inUpdate, finish: (place) => place }
	}

	/** The place of content inside `type`, a type of the live document (walks up, bounded). */
	#placeInDoc(type: unknown): Place {
		if (!(type instanceof Y.XmlFragment)) return 'text'
		let depth = 0
		for (let current: Y.XmlFragment = type; ; ) {
			const item = current._item
			if (item === null) return current === this.#fragment ? depth : 'elsewhere'
			if (!(current instanceof Y.XmlElement) || item.parentSub !== null) return 'elsewhere'
			depth += 1
			// Deeper than allowed already (a section stored before the limit): no need to climb on.
			if (depth > MAX_NESTING_DEPTH) return depth
			if (!(item.parent instanceof Y.XmlFragment)) return 'elsewhere'
			current = item.parent
		}
	}

	#fromDoc(id: Y.ID): Y.Item | Y.GC | null {
		if (id.clock >= Y.getState(this.#doc.store, id.client)) return null
		return Y.getItem(this.#doc.store, id) as Y.Item | Y.GC
	}

	#fromUpdate(id: Y.ID): Y.Item | Y.GC | Y.Skip | null {
		const list = this.#byClient.get(id.client)
		if (!list) return null
		let low = 0
		let high = list.length - 1
		while (low <= high) {
			const middle = (low + high) >>> 1
			const struct = list[middle] as Y.Item | Y.GC | Y.Skip
			if (id.clock < struct.id.clock) high = middle - 1
			else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
			else return struct
		}
		return null
	}
}

/**
 * The document's section fragment, typed as such: until someone asks for it by type, a root that
 * arrived in an update is a bare `AbstractType` (and its elements would not look like they are in
 * a fragment). Null if the root was made as another kind of type (nothing there can be placed).
 */
function sectionFragment(doc: Y.Doc): Y.XmlFragment | null {
	try {
		return doc.getXmlFragment(FRAGMENT_NAME)
	} catch {
		return null
	}
}

/** `place`, unless it says the neighbour is gone: then Yjs looks at the other side. */
function orElse(place: Place | Step, other: () => Place | Step): Place | Step {
	if (typeof place === 'object') return { after: place.after, finish: (p) => orElse(place.finish(p), other) }
	return place === 'gone' ? other() : place
}
