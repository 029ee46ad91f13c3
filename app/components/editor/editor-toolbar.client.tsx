import { type Editor, useEditorState } from '@tiptap/react'
import { type KeyboardEvent, type ReactNode, useLayoutEffect, useRef, useState } from 'react'
import { Icon } from './editor-icons.tsx'
import { LinkForm } from './link-form.client.tsx'

type ToolProps = {
	label: string
	shortcut?: string
	pressed?: boolean
	expanded?: boolean
	onPress: () => void
	/** Shown next to the label; without it the label is the button's text. */
	children?: ReactNode
}

function Tool({ label, shortcut, pressed, expanded, onPress, children }: ToolProps) {
	return (
		<button
			type="button"
			className={children ? 'tool' : 'tool tool-text'}
			aria-label={children ? label : undefined}
			aria-pressed={pressed}
			aria-expanded={expanded}
			aria-keyshortcuts={shortcut}
			title={shortcut ? `${label} (${shortcut.replace('Control', 'Ctrl')})` : label}
			// Keep the selection in the text: a mouse press on a tool must not move focus first.
			onMouseDown={(event) => event.preventDefault()}
			onClick={onPress}
		>
			{children ?? label}
		</button>
	)
}

/**
 * One tab stop for the whole toolbar, arrow keys between tools (the WAI-ARIA toolbar pattern), so
 * keyboard users reach the text without tabbing through a dozen buttons.
 */
function useRovingFocus() {
	const ref = useRef<HTMLDivElement>(null)
	const current = useRef<HTMLButtonElement | null>(null)
	useLayoutEffect(() => {
		const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button.tool') ?? [])]
		if (!current.current || !buttons.includes(current.current)) current.current = buttons[0] ?? null
		for (const button of buttons) button.tabIndex = button === current.current ? 0 : -1
	})
	const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
		const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button.tool') ?? [])]
		const index = buttons.indexOf(event.target as HTMLButtonElement)
		if (index < 0) return
		const next =
			event.key === 'ArrowRight'
				? (index + 1) % buttons.length
				: event.key === 'ArrowLeft'
					? (index - 1 + buttons.length) % buttons.length
					: event.key === 'Home'
						? 0
						: event.key === 'End'
							? buttons.length - 1
							: null
		if (next === null) return
		event.preventDefault()
		for (const button of buttons) button.tabIndex = -1
		const target = buttons[next] as HTMLButtonElement
		target.tabIndex = 0
		current.current = target
		target.focus()
	}
	const onFocus = (event: React.FocusEvent<HTMLDivElement>) => {
		if (event.target instanceof HTMLButtonElement && event.target.classList.contains('tool')) {
			current.current = event.target
		}
	}
	return { ref, onKeyDown, onFocus }
}

/** Formatting for the section text: headings, bold/italic, lists, quotes, links and tables. */
export function EditorToolbar({ editor, controls }: { editor: Editor; controls: string }) {
	const [linkOpen, setLinkOpen] = useState(false)
	const roving = useRovingFocus()
	const active = useEditorState({
		editor,
		selector: ({ editor }) => ({
			bold: editor.isActive('bold'),
			italic: editor.isActive('italic'),
			heading: editor.isActive('heading', { level: 2 }),
			subheading: editor.isActive('heading', { level: 3 }),
			bulletList: editor.isActive('bulletList'),
			orderedList: editor.isActive('orderedList'),
			quote: editor.isActive('blockquote'),
			link: editor.isActive('link'),
			table: editor.isActive('table'),
		}),
	})
	const run = () => editor.chain().focus()

	return (
		<>
			<div
				ref={roving.ref}
				className="editor-toolbar"
				role="toolbar"
				aria-label="Formatting"
				aria-controls={controls}
				onKeyDown={roving.onKeyDown}
				onFocus={roving.onFocus}
			>
				<div className="tool-group">
					<Tool
						label="H2 heading"
						pressed={active.heading}
						shortcut="Control+Alt+2"
						onPress={() => run().toggleHeading({ level: 2 }).run()}
					>
						H2
					</Tool>
					<Tool
						label="H3 subheading"
						pressed={active.subheading}
						shortcut="Control+Alt+3"
						onPress={() => run().toggleHeading({ level: 3 }).run()}
					>
						H3
					</Tool>
				</div>
				<div className="tool-group">
					<Tool
						label="Bold"
						pressed={active.bold}
						shortcut="Control+B"
						onPress={() => run().toggleBold().run()}
					>
						<b>B</b>
					</Tool>
					<Tool
						label="Italic"
						pressed={active.italic}
						shortcut="Control+I"
						onPress={() => run().toggleItalic().run()}
					>
						<i>I</i>
					</Tool>
					<Tool label="Link" pressed={active.link} expanded={linkOpen} onPress={() => setLinkOpen(!linkOpen)}>
						<Icon name="link" />
					</Tool>
				</div>
				<div className="tool-group">
					<Tool
						label="Bulleted list"
						pressed={active.bulletList}
						shortcut="Control+Shift+8"
						onPress={() => run().toggleBulletList().run()}
					>
						<Icon name="bulletList" />
					</Tool>
					<Tool
						label="Numbered list"
						pressed={active.orderedList}
						shortcut="Control+Shift+7"
						onPress={() => run().toggleOrderedList().run()}
					>
						<Icon name="orderedList" />
					</Tool>
					<Tool
						label="Block quote"
						pressed={active.quote}
						shortcut="Control+Shift+B"
						onPress={() => run().toggleBlockquote().run()}
					>
						<Icon name="quote" />
					</Tool>
				</div>
				<div className="tool-group">
					{active.table ? (
						<>
							<Tool label="Header row" onPress={() => run().toggleHeaderRow().run()} />
							<Tool label="Add row" onPress={() => run().addRowAfter().run()} />
							<Tool label="Add column" onPress={() => run().addColumnAfter().run()} />
							<Tool label="Delete row" onPress={() => run().deleteRow().run()} />
							<Tool label="Delete column" onPress={() => run().deleteColumn().run()} />
							<Tool label="Delete table" onPress={() => run().deleteTable().run()} />
						</>
					) : (
						<Tool
							label="Insert table"
							onPress={() => run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
						>
							<Icon name="table" />
						</Tool>
					)}
				</div>
			</div>
			{linkOpen ? <LinkForm editor={editor} onDone={() => setLinkOpen(false)} /> : null}
		</>
	)
}
