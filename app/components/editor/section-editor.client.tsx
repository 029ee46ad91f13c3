import {
	disableSuggestChanges,
	enableSuggestChanges,
	isSuggestChangesEnabled,
} from '@handlewithcare/prosemirror-suggest-changes'
import { EditorContent } from '@tiptap/react'
import { useEffect, useId, useState, useSyncExternalStore } from 'react'
import { href } from 'react-router'
import { CLOSE_CODES } from '#shared/collab/close-codes.ts'
import { countDocumentWords } from '#shared/collab/text.ts'
import { type Access, CollabSession, type CollabUser } from './collab-session.client.ts'
import { anchoredThreadIds } from './comment-anchor-mark.client.ts'
import { type CommentDraft, commentDraftOf } from './comment-selection.client.ts'
import { EditorErrorBoundary } from './editor-error-boundary.tsx'
import { editorExtensions } from './editor-extensions.client.ts'
import { EditorPlaceholder } from './editor-placeholder.tsx'
import { describeStatus, EditorStatus } from './editor-status.tsx'
import { EditorToolbar } from './editor-toolbar.client.tsx'
import { PresenceList } from './presence-list.client.tsx'
import { isCommentShortcut, ReviewToolbar } from './review-toolbar.client.tsx'
import { useStagedEditor } from './staged-editor.client.ts'
import { SuggestionList } from './suggestion-list.client.tsx'
import { UnrenderableSection } from './unrenderable-section.tsx'

type Props = {
	sectionId: string
	title: string
	access: Access
	readOnlyReason: string | null
	user: CollabUser
	/** Where the section's saved versions are: the way on when the editor cannot show it. */
	versionsHref: string
	/** Called with the live word count as the text changes. */
	onWords: (words: number) => void
	/** Whether the person may comment: the Comment tool is theirs. */
	canComment: boolean
	/** Called when the person chooses Comment on a selection. */
	onComment: (draft: CommentDraft) => void
	/** Called with the threads anchored in the text, in order, as the text changes. */
	onAnchors: (threadIds: string[]) => void
	/** Names of the task force's members by user id, for the suggestions list. */
	names: Readonly<Record<string, string>>
}

const WORD_COUNT_EVERY_MS = 500

/** The live editor of one section: its own session (document, IndexedDB, socket) while mounted. */
export function SectionEditor(props: Props) {
	const { sectionId, access, readOnlyReason, user } = props
	const [session, setSession] = useState<CollabSession | null>(null)
	// One session per section and person; later access changes arrive over the socket.
	// biome-ignore lint/correctness/useExhaustiveDependencies: the other props only seed the session.
	useEffect(() => {
		const created = new CollabSession({ sectionId, user, access, readOnlyReason })
		setSession(created)
		return () => created.destroy()
	}, [sectionId, user.id])
	if (!session) return <EditorPlaceholder access={access} readOnlyReason={readOnlyReason} />
	return <GuardedEditor key={session.doc.guid} session={session} {...props} />
}

/**
 * The editor, or — when it cannot render this document (the session found a structure it does
 * not support, or rendering threw) — the section's text with a way on. Never an empty page.
 */
function GuardedEditor(props: Props & { session: CollabSession }) {
	const { session, versionsHref } = props
	const state = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot)
	const fallback = <UnrenderableSection doc={session.doc} versionsHref={versionsHref} />
	if (state.unrenderable) return fallback
	return (
		<EditorErrorBoundary fallback={fallback}>
			<LiveEditor {...props} />
		</EditorErrorBoundary>
	)
}

function LiveEditor(props: Props & { session: CollabSession }) {
	const { session, title, user, onWords, canComment, onComment, onAnchors, names } = props
	const state = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot)
	const editable = state.access !== 'read' && state.connection !== 'closed'
	const textId = useId()
	const [reviewNote, setReviewNote] = useState<string | null>(null)
	const editor = useStagedEditor(
		() => ({
			// Our Content-Security-Policy allows no inline <style>; editor.css has these rules.
			injectCSS: false,
			editable,
			extensions: editorExtensions({
				doc: session.doc,
				provider: session.provider,
				user,
				onSuggestionRefused: setReviewNote,
			}),
			editorProps: {
				attributes: {
					id: textId,
					class: 'editor-text',
					role: 'textbox',
					'aria-multiline': 'true',
					'aria-label': `Text of ${title}`,
				},
			},
		}),
		session,
	)

	useEffect(() => {
		if (!editor) return
		if (editor.isEditable !== editable) editor.setEditable(editable)
		editor.view.dom.setAttribute('aria-readonly', String(!editable))
	}, [editor, editable])

	// Someone who may only suggest suggests, always; a writer starts writing and may switch.
	useEffect(() => {
		if (!editor) return
		const suggesting = isSuggestChangesEnabled(editor.state)
		if (state.access === 'suggest' && !suggesting) enableSuggestChanges(editor.state, editor.view.dispatch)
		if (state.access === 'read' && suggesting) disableSuggestChanges(editor.state, editor.view.dispatch)
	}, [editor, state.access])

	useEffect(() => {
		let timer: ReturnType<typeof setTimeout> | null = null
		const count = () => {
			timer = null
			onWords(countDocumentWords(session.doc))
		}
		const onUpdate = () => {
			timer ??= setTimeout(count, WORD_COUNT_EVERY_MS)
		}
		session.doc.on('update', onUpdate)
		return () => {
			session.doc.off('update', onUpdate)
			if (timer) clearTimeout(timer)
		}
	}, [session, onWords])

	// The threads anchored in the text, told to the Comments panel as they come and go.
	useEffect(() => {
		if (!editor) return
		let last = ''
		const tell = () => {
			const ids = anchoredThreadIds(editor.state.doc)
			const key = ids.join(' ')
			if (key === last) return
			last = key
			onAnchors(ids)
		}
		tell()
		editor.on('update', tell)
		return () => {
			editor.off('update', tell)
		}
	}, [editor, onAnchors])

	// Ctrl+Alt+M in the text comments on the selection, as in the common office suites.
	useEffect(() => {
		if (!editor || !canComment) return
		const onKey = (event: KeyboardEvent) => {
			if (!isCommentShortcut(event)) return
			event.preventDefault()
			const draft = commentDraftOf(editor)
			if (draft) onComment(draft)
		}
		const dom = editor.view.dom
		dom.addEventListener('keydown', onKey)
		return () => dom.removeEventListener('keydown', onKey)
	}, [editor, canComment, onComment])

	return (
		<div className="editor-layout">
			<section className="editor-main" aria-label="Section text">
				<div className="editor-chrome">
					<EditorStatus words={describeStatus(state)} />
					{state.connection === 'closed' ? (
						<ClosedAction code={state.closeCode} onRetry={() => session.retry()} />
					) : null}
					{editor && editable && state.access === 'write' ? (
						<EditorToolbar editor={editor} controls={textId} />
					) : null}
					{editor && (canComment || editable) ? (
						<ReviewToolbar
							editor={editor}
							controls={textId}
							access={editable ? state.access : 'read'}
							canComment={canComment}
							onComment={onComment}
							note={reviewNote}
							onNote={setReviewNote}
						/>
					) : null}
				</div>
				<div className={editable ? 'editor-body' : 'editor-body editor-body-read-only'}>
					{editor ? <EditorContent editor={editor} /> : <p className="editor-loading">Loading the editor…</p>}
				</div>
			</section>
			<aside className="editor-side" aria-label="People and suggestions">
				<PresenceList
					awareness={session.provider.awareness}
					selfId={user.id}
					online={state.connection === 'online'}
				/>
				{editor ? (
					<SuggestionList editor={editor} canDecide={editable && state.access === 'write'} names={names} />
				) : null}
			</aside>
		</div>
	)
}

/** The way forward after the server closed the session for good. */
function ClosedAction({ code, onRetry }: { code: number | null; onRetry: () => void }) {
	const here = `${location.pathname}${location.search}`
	return (
		<p className="editor-closed-action">
			{code === CLOSE_CODES.SIGNED_OUT ? (
				<a href={`${href('/login')}?${new URLSearchParams({ redirectTo: here })}`}>Sign in again</a>
			) : code === CLOSE_CODES.LOAD_FAILED ? (
				<button type="button" className="button button-small button-secondary" onClick={onRetry}>
					Try again
				</button>
			) : (
				<a href={here}>Reload the page</a>
			)}
		</p>
	)
}
