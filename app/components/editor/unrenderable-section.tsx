import { useId, useMemo } from 'react'
import { Link } from 'react-router'
import type * as Y from 'yjs'
import { extractText } from '#shared/collab/text.ts'

/**
 * Shown instead of the editor when it cannot render the section (a structure it does not support,
 * stored before the server refused such changes, or an error while rendering): never an empty page.
 * The text is still there, so it is shown as plain text, with the ways on.
 */
export function UnrenderableSection({ doc, versionsHref }: { doc: Y.Doc; versionsHref: string }) {
	const headingId = useId()
	// Read once: the document is not shown live here.
	const blocks = useMemo(
		() =>
			extractText(doc)
				.split('\n\n')
				.filter((block) => block.trim() !== ''),
		[doc],
	)
	const here = typeof location === 'undefined' ? '' : `${location.pathname}${location.search}`
	return (
		<section className="editor-unrenderable" aria-labelledby={headingId}>
			<h2 id={headingId}>This section cannot be shown in the editor</h2>
			<p>
				Its text is kept and nothing has been lost, but it contains a structure the editor cannot display (for
				example, quotes nested too deeply), so it cannot be edited here. A co-chair can restore one of its
				saved versions to make it editable again.
			</p>
			<p className="editor-unrenderable-actions">
				<Link to={versionsHref}>Saved versions</Link>
				<a href={here}>Reload the page</a>
			</p>
			<h3>The section’s text</h3>
			{blocks.length > 0 ? (
				<div className="editor-unrenderable-text">
					{blocks.map((block, index) => (
						// biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, read once.
						<p key={index}>{block}</p>
					))}
				</div>
			) : (
				<p className="muted">No text could be read from it.</p>
			)}
		</section>
	)
}
