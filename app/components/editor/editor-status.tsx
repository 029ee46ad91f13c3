import { describeReadOnly } from '#shared/section-read-only.ts'
import type { CollabState } from './collab-session.client.ts'
import { Icon, type IconName } from './editor-icons.tsx'

type StatusTone = 'saved' | 'busy' | 'offline' | 'read-only' | 'closed'

export type StatusWords = { tone: StatusTone; text: string; detail: string | null }

const OFFLINE_TEXT = 'Offline — your changes are kept on this device and will sync'

/**
 * What the status line says. It tells the truth: "Saved" only once the server has confirmed it
 * stored every local edit, and a read-only editor says why.
 */
export function describeStatus(state: CollabState): StatusWords {
	if (state.connection === 'closed') {
		return { tone: 'closed', text: state.closedBecause ?? 'The connection was closed.', detail: null }
	}
	if (state.access === 'read') {
		const { text, live } = describeReadOnly(state.readOnlyReason)
		// Live updates are only worth mentioning for a text someone may still change.
		const detail = !live
			? null
			: state.connection === 'offline'
				? 'Offline — live updates resume when the connection returns.'
				: state.synced
					? 'Showing changes live.'
					: null
		return { tone: 'read-only', text, detail }
	}
	if (state.connection === 'offline') return { tone: 'offline', text: OFFLINE_TEXT, detail: null }
	if (state.connection === 'connecting' || !state.synced) {
		return { tone: 'busy', text: 'Connecting…', detail: null }
	}
	if (state.pending) return { tone: 'busy', text: 'Saving…', detail: null }
	return { tone: 'saved', text: 'Saved', detail: null }
}

const MARKS: Record<StatusTone, IconName> = {
	saved: 'check',
	busy: 'sync',
	offline: 'offline',
	'read-only': 'lock',
	closed: 'stop',
}

/**
 * The status line, a polite live region: people using a screen reader hear when the editor goes
 * offline, becomes read-only or is closed. The mark repeats the words; color repeats the mark.
 */
export function EditorStatus({ words }: { words: StatusWords }) {
	return (
		<p className={`editor-status editor-status-${words.tone}`} role="status" aria-live="polite">
			<Icon name={MARKS[words.tone]} />
			<span className="editor-status-text">{words.text}</span>
			{words.detail ? <span className="editor-status-detail">{words.detail}</span> : null}
		</p>
	)
}
