/**
 * What the section editor can render, stated once for the server (which refuses updates outside
 * it) and the browser (which checks what it is about to show). `tests/app/editor-schema.test.ts`
 * builds the real TipTap schema from the editor's extensions and checks it against these lists, so
 * adding an extension without updating them fails a test instead of refusing writers' edits.
 */

/** ProseMirror node names of the editor's schema (`doc` is the fragment, `text` lives in XmlText). */
export const EDITOR_NODES = [
	'blockquote',
	'bulletList',
	'codeBlock',
	'doc',
	'hardBreak',
	'heading',
	'horizontalRule',
	'listItem',
	'orderedList',
	'paragraph',
	'table',
	'tableCell',
	'tableHeader',
	'tableRow',
	'text',
] as const

/** ProseMirror mark names of the editor's schema (Yjs stores them as XmlText formatting keys). */
export const EDITOR_MARKS = [
	'bold',
	'code',
	'comment',
	'deletion',
	'insertion',
	'italic',
	'link',
	'modification',
	'strike',
] as const

/**
 * Deepest nesting of elements a section may hold (a paragraph at the top level is at depth 1).
 * Real writing reaches 6 or 7 (a list in a quote in a table cell); the editor's renderers recurse
 * once per level, and 20,000 levels overflowed every reader's stack.
 */
export const MAX_NESTING_DEPTH = 32

const ELEMENT_NAMES: ReadonlySet<string> = new Set(
	EDITOR_NODES.filter((name) => name !== 'doc' && name !== 'text'),
)
const MARK_NAMES: ReadonlySet<string> = new Set(EDITOR_MARKS)

/** Whether a Yjs XmlElement with this name becomes a node of the editor. */
export function isEditorElement(nodeName: string): boolean {
	return ELEMENT_NAMES.has(nodeName)
}

/**
 * y-tiptap stores marks that may overlap themselves under `name--<8 characters>` so two of them
 * can coexist; it strips the suffix when reading (`yattr2markname`), and so do we.
 */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/

/** Whether a formatting key in an XmlText becomes a mark of the editor. */
export function isEditorMark(formatKey: string): boolean {
	return MARK_NAMES.has(HASHED_MARK.exec(formatKey)?.[1] ?? formatKey)
}
