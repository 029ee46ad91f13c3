import { getSchema } from '@tiptap/core'
import { expect, test } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { editorExtensions } from '#app/components/editor/editor-extensions.client.ts'
import { EDITOR_MARKS, EDITOR_NODES, isEditorElement, isEditorMark } from '#shared/collab/editor-schema.ts'

// The server refuses what `shared/collab/editor-schema.ts` does not list. Built from the editor's
// own extension list, the real TipTap schema must say exactly the same, or writers' edits with a
// new kind of node would be refused (or an unrenderable one let through).

test('the shared schema names exactly the nodes and marks of the editor’s TipTap schema', () => {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider('ws://127.0.0.1:9/collab', 'schema-test', doc, {
		connect: false,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
	})
	try {
		const schema = getSchema(
			editorExtensions({
				doc,
				provider,
				user: { id: 'u', name: 'Someone', organization: null, color: '#123456', role: 'member' },
			}),
		)
		expect(Object.keys(schema.nodes).sort()).toEqual([...EDITOR_NODES].sort())
		expect(Object.keys(schema.marks).sort()).toEqual([...EDITOR_MARKS].sort())
	} finally {
		provider.destroy()
		doc.destroy()
	}
})

test('elements are the nodes other than the document and its text; marks may carry y-tiptap’s hash', () => {
	expect(isEditorElement('paragraph')).toBe(true)
	expect(isEditorElement('tableCell')).toBe(true)
	expect(isEditorElement('doc')).toBe(false)
	expect(isEditorElement('text')).toBe(false)
	expect(isEditorElement('script')).toBe(false)
	expect(isEditorMark('bold')).toBe(true)
	expect(isEditorMark('link--AbCd12+/')).toBe(true)
	expect(isEditorMark('link--short')).toBe(false)
	expect(isEditorMark('blink--AbCd1234')).toBe(false)
})
