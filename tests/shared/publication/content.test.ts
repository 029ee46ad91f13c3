import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { commentMarkKey } from '#shared/collab/comment-anchor.ts'
import { readerContent } from '#shared/publication/content.ts'
import { renderSectionHtml } from '#shared/publication/render-html.ts'
import { renderSectionMarkdown } from '#shared/publication/render-markdown.ts'

/** A section body as TipTap stores it: paragraphs and headings of XmlText. */
function section(build: (fragment: Y.XmlFragment) => void): Y.Doc {
	const doc = new Y.Doc()
	build(doc.getXmlFragment('default'))
	return doc
}

function paragraph(fragment: Y.XmlFragment, fill: (text: Y.XmlText) => void, name = 'paragraph') {
	const element = new Y.XmlElement(name)
	const text = new Y.XmlText()
	element.insert(0, [text])
	fragment.push([element])
	fill(text)
	return element
}

test('readers get the accepted text: pending insertions out, pending deletions kept, comments and suggestion marks gone', () => {
	const doc = section((fragment) =>
		paragraph(fragment, (text) => {
			text.insert(0, 'Cities publish data. ')
			text.insert(text.length, 'Every week. ', { insertion: { id: 'u1:abc:r' } })
			text.insert(text.length, 'Some keep it private.', { deletion: { id: 'u2:abc:r' } })
			text.format(0, 6, { [commentMarkKey('thread1')]: { threadId: 'thread1' }, bold: {} })
		}),
	)
	const blocks = readerContent(doc)
	expect(renderSectionHtml(blocks, { headingOffset: 1 })).toBe(
		'<p><strong>Cities</strong> publish data. Some keep it private.</p>',
	)
	expect(renderSectionMarkdown(blocks, { headingOffset: 1 })).toBe(
		'**Cities** publish data\\. Some keep it private\\.',
	)
})

test('words and links are escaped: no markup or script a writer types reaches a reader, and only web and mail links survive', () => {
	const doc = section((fragment) => {
		paragraph(fragment, (text) => {
			text.insert(0, '<script>alert(1)</script> & "quotes"')
			text.insert(text.length, ' bad', { link: { href: 'javascript:alert(1)' } })
			text.insert(text.length, ' good', { link: { href: 'https://example.org/?a=1&b="2"' } })
		})
		const heading = paragraph(fragment, (text) => text.insert(0, '# not a heading *really*'), 'heading')
		heading.setAttribute('level', 3 as unknown as string)
	})
	const blocks = readerContent(doc)
	const html = renderSectionHtml(blocks, { headingOffset: 1 })
	expect(html).toBe(
		'<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; bad<a href="https://example.org/?a=1&amp;b=&quot;2&quot;"> good</a></p>\n<h4># not a heading *really*</h4>',
	)
	const markdown = renderSectionMarkdown(blocks, { headingOffset: 1 })
	expect(markdown).toContain('\\<script\\>')
	expect(markdown).toContain('#### \\# not a heading \\*really\\*')
	expect(markdown).not.toContain('javascript:')
})

test('tables keep their header row as column headers, lists nest, and blocks get the anchors findings link to', () => {
	const doc = section((fragment) => {
		const table = new Y.XmlElement('table')
		const cell = (name: string, words: string) => {
			const element = new Y.XmlElement(name)
			const inner = new Y.XmlElement('paragraph')
			inner.insert(0, [new Y.XmlText(words)])
			element.insert(0, [inner])
			return element
		}
		const head = new Y.XmlElement('tableRow')
		head.insert(0, [cell('tableHeader', 'City'), cell('tableHeader', 'Tool')])
		const row = new Y.XmlElement('tableRow')
		row.insert(0, [cell('tableCell', 'Austin'), cell('tableCell', 'Chat')])
		table.insert(0, [head, row])
		const list = new Y.XmlElement('bulletList')
		const item = new Y.XmlElement('listItem')
		const itemText = new Y.XmlElement('paragraph')
		itemText.insert(0, [new Y.XmlText('First')])
		item.insert(0, [itemText])
		list.insert(0, [item])
		fragment.push([table, list])
	})
	const blocks = readerContent(doc)
	expect(renderSectionHtml(blocks, { headingOffset: 1, blockIdPrefix: 's1' })).toBe(
		'<div id="s1-0"><table><thead><tr><th scope="col"><p>City</p></th><th scope="col"><p>Tool</p></th></tr></thead><tbody><tr><td><p>Austin</p></td><td><p>Chat</p></td></tr></tbody></table></div>\n<ul id="s1-1"><li><p>First</p></li></ul>',
	)
	expect(renderSectionMarkdown(blocks, { headingOffset: 1 })).toBe(
		'| City | Tool |\n| --- | --- |\n| Austin | Chat |\n\n- First',
	)
})
