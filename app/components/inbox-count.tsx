import { useEffect, useRef, useState } from 'react'
import { href, Link } from 'react-router'

/** How often the count is asked for while the tab is visible. */
const POLL_MS = 20_000
/** How often the timer looks whether a poll is due (the header remounts with each page). */
const TICK_MS = 2_000

/**
 * The count as last known in this tab, shared by each page's header (every page renders its own),
 * so a move to another page neither loses a newer count nor restarts the wait for the next one.
 * `root` is the root loader's data it came with: when that changes, the loader ran again and its
 * count is the newer one. Only ever touched in the browser.
 */
const known: { root: object | null; unread: number; fetchedAt: number } = {
	root: null,
	unread: 0,
	fetchedAt: 0,
}

function words(unread: number): string {
	return unread === 0 ? 'No unread notifications' : `${unread} unread in your inbox`
}

/**
 * The unread count: the root loader's, then what `/inbox/count` answers every 20 s while the tab
 * is visible (and at once when it comes back). A change found by polling is announced politely;
 * the first load and the person's own marking read are not.
 */
function useUnreadCount(root: object, initial: number) {
	const [unread, setUnread] = useState(() =>
		typeof window !== 'undefined' && known.root === root ? known.unread : initial,
	)
	const [announcement, setAnnouncement] = useState('')
	const current = useRef(unread)
	current.current = unread

	useEffect(() => {
		if (known.root === root) return
		known.root = root
		known.unread = initial
		known.fetchedAt = Date.now()
		setUnread(initial)
	}, [root, initial])

	useEffect(() => {
		let stopped = false
		let inFlight = false
		const poll = async (force: boolean) => {
			if (stopped || inFlight || document.visibilityState !== 'visible') return
			if (!force && Date.now() - known.fetchedAt < POLL_MS) return
			inFlight = true
			known.fetchedAt = Date.now()
			try {
				const response = await fetch(href('/inbox/count'), { headers: { Accept: 'application/json' } })
				if (response.status === 401) stopped = true
				if (!response.ok) return
				const body = (await response.json()) as { unread?: unknown }
				if (stopped || typeof body.unread !== 'number') return
				known.unread = body.unread
				if (body.unread !== current.current) {
					setUnread(body.unread)
					setAnnouncement(words(body.unread))
				}
			} catch {
				// Offline for a moment: the next tick tries again.
			} finally {
				inFlight = false
			}
		}
		const timer = setInterval(() => void poll(false), TICK_MS)
		const onVisibility = () => {
			if (document.visibilityState === 'visible') void poll(true)
		}
		document.addEventListener('visibilitychange', onVisibility)
		return () => {
			stopped = true
			clearInterval(timer)
			document.removeEventListener('visibilitychange', onVisibility)
		}
	}, [])

	return { unread, announcement }
}

const BADGE: React.CSSProperties = {
	display: 'inline-block',
	marginLeft: '0.125rem',
	minWidth: '1.5em',
	padding: '0 0.4em',
	borderRadius: '999px',
	background: '#fbbf24',
	color: '#1f2937',
	fontSize: '0.8125rem',
	fontWeight: 700,
	lineHeight: 1.5,
	textAlign: 'center',
}

/**
 * The header's link to the inbox with its unread count as a badge; its name reads "Inbox, 3
 * unread" (the badge shows the number). Changes are announced by a visually hidden status next to it, never by the link.
 */
export function InboxLink({ root, unread: initial }: { root: object; unread: number }) {
	const { unread, announcement } = useUnreadCount(root, initial)
	return (
		<>
			<Link
				to={href('/inbox')}
				className="header-link"
				aria-label={unread > 0 ? `Inbox, ${unread} unread` : 'Inbox'}
				data-unread={unread}
			>
				Inbox {unread > 0 ? <span style={BADGE}>{unread > 99 ? '99+' : unread}</span> : null}
			</Link>
			{/* A live region without the status role: the page's own status messages stay the only ones. */}
			<span className="visually-hidden" aria-live="polite" aria-atomic="true">
				{announcement}
			</span>
		</>
	)
}
