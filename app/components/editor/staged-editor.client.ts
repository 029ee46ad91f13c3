import { Editor, type EditorOptions } from '@tiptap/core'
import { useEffect, useState } from 'react'

/**
 * A TipTap editor built in two turns of the event loop after the component mounts, instead of
 * one: first its extensions, schema and state, then its view (which renders the text and starts
 * every plugin). On a mid-range phone each part is a long task of its own (~120 and ~250 ms at the
 * bench's 4× CPU throttle); in one they held the page ~480 ms, and taps and typing elsewhere
 * waited. Options are read from `create` as it was when `rebuildOn` last changed; anything that
 * changes later (whether the text is editable) the caller applies to the editor itself.
 *
 * An error while building is thrown from the next render, so the nearest error boundary shows
 * what it would for an error in rendering (a timer's error would reach none). The editor is
 * destroyed and built again when `rebuildOn` changes, destroyed when the component unmounts; null
 * until it is built.
 */
export function useStagedEditor(create: () => Partial<EditorOptions>, rebuildOn: unknown): Editor | null {
	const [editor, setEditor] = useState<Editor | null>(null)
	const [failure, setFailure] = useState<unknown>(null)
	if (failure) throw failure

	// biome-ignore lint/correctness/useExhaustiveDependencies: `create` is read once per `rebuildOn`.
	useEffect(() => {
		let built: Editor | null = null
		let timer = setTimeout(() => {
			try {
				built = new Editor({ ...create(), element: null })
			} catch (error) {
				setFailure(() => error)
				return
			}
			timer = setTimeout(() => {
				try {
					built?.mount(document.createElement('div'))
					setEditor(built)
				} catch (error) {
					setFailure(() => error)
				}
			}, 0)
		}, 0)
		return () => {
			clearTimeout(timer)
			built?.destroy()
			setEditor(null)
		}
	}, [rebuildOn])

	return editor
}
