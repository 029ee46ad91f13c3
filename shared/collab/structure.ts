import * as Y from 'yjs'
import { isEditorElement, isEditorMark, MAX_NESTING_DEPTH } from './editor-schema.ts'

/**
 * What a Yjs transaction on a section's document added that the editor could not render (an
 * element or mark its schema does not know, a type where it expects none, nesting deeper than
 * `MAX_NESTING_DEPTH`), in words; null when all is well. Looks only at the structs the transaction
 * added (the state vector before and after it) and walks up at most `MAX_NESTING_DEPTH` levels
 * from each new element, so it costs next to nothing for typing and cannot overflow on a document
 * nested 20,000 deep. `fragment` is the section's `Y.XmlFragment` in the transaction's document.
 */
export function findAddedStructureProblem(
	transaction: Y.Transaction,
	fragment: Y.XmlFragment,
): string | null {
	for (const [client, after] of transaction.afterState) {
		const before = transaction.beforeState.get(client) ?? 0
		if (after <= before) continue
		const structs = transaction.doc.store.clients.get(client)
		if (!structs) continue
		for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
			const struct = structs[index] as Y.Item | Y.GC
			if (struct.id.clock >= after) break
			if (!(struct instanceof Y.Item) || struct.deleted) continue
			const problem = problemOf(struct, fragment)
			if (problem) return problem
		}
	}
	return null
}

function problemOf(item: Y.Item, fragment: Y.XmlFragment): string | null {
	const { content } = item
	if (content instanceof Y.ContentFormat)
		return isEditorMark(content.key) ? null : `unknown mark ${JSON.stringify(content.key)}`
	if (!(content instanceof Y.ContentType)) return null
	const { type } = content
	if (!(type instanceof Y.XmlElement || type instanceof Y.XmlText))
		return 'a kind of Yjs type the editor does not use'
	if (type instanceof Y.XmlElement && !isEditorElement(type.nodeName))
		return `unknown element ${JSON.stringify(type.nodeName)}`
	// Counts the elements from this one up to the fragment, giving up past the limit.
	let depth = 0
	for (let current: Y.Item | null = item; current !== null; ) {
		if (current.parentSub !== null) return 'a Yjs type as an attribute value'
		if (current.content instanceof Y.ContentType && current.content.type instanceof Y.XmlElement) depth += 1
		if (depth > MAX_NESTING_DEPTH) return `elements nested deeper than ${MAX_NESTING_DEPTH}`
		const parent: unknown = current.parent
		if (parent === fragment) return null
		if (!(parent instanceof Y.XmlElement)) return 'an element outside the section’s element tree'
		current = parent._item
	}
	return 'an element outside the section’s element tree'
}
