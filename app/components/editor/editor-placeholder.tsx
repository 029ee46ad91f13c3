import type { TextAccess } from '#shared/collab/access.ts'
import { describeReadOnly } from '#shared/section-read-only.ts'
import { EditorStatus, type StatusWords } from './editor-status.tsx'

/**
 * What the server renders where the editor will be (it needs a browser: IndexedDB, the socket),
 * laid out like the editor so nothing jumps when it arrives.
 */
export function EditorPlaceholder({
	access,
	readOnlyReason,
}: {
	access: TextAccess
	readOnlyReason: string | null
}) {
	const words: StatusWords =
		access === 'read'
			? {
					tone: 'read-only',
					text: describeReadOnly(readOnlyReason).text,
					detail: null,
				}
			: { tone: 'busy', text: 'Loading the editor…', detail: null }
	return (
		<div className="editor-layout">
			<section className="editor-main" aria-label="Section text">
				<div className="editor-chrome">
					<EditorStatus words={words} />
				</div>
				<div className="editor-body editor-loading">
					<p>Loading the editor…</p>
				</div>
			</section>
		</div>
	)
}
