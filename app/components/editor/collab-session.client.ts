import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { parseTextAccess, type TextAccess } from '#shared/collab/access.ts'
import { CLOSE_CODES, explainClose, shouldReconnect } from '#shared/collab/close-codes.ts'
import { FRAGMENT_NAME, MESSAGE_ACCESS, MESSAGE_AWARENESS, MESSAGE_SYNC } from '#shared/collab/messages.ts'
import type { PresenceUser } from '#shared/collab/presence.ts'
import { findAddedStructureProblem } from '#shared/collab/structure.ts'
import { SaveTracker } from './save-tracker.client.ts'

export type Access = TextAccess

/**
 * Who is at the keyboard: shown on their caret and in everyone's presence list. The server writes
 * the same value into what others see, whatever this browser sends.
 */
export type CollabUser = PresenceUser

/** Everything the status line needs, as one immutable snapshot (for `useSyncExternalStore`). */
export type CollabState = {
	/** `closed`: the server ended the session for a reason reconnecting cannot fix. */
	connection: 'connecting' | 'online' | 'offline' | 'closed'
	/** The server's text has arrived on this connection. */
	synced: boolean
	/** Some local edit is not yet known to be stored on the server. */
	pending: boolean
	access: Access
	readOnlyReason: string | null
	/** What ended the session, in words, when `connection` is `closed`. */
	closedBecause: string | null
	closeCode: number | null
	/**
	 * Why the editor cannot show this document (a structure it cannot render, or an error while
	 * rendering); the page then shows the text as plain text instead. Null while all is well.
	 */
	unrenderable: string | null
}

/**
 * Thrown from inside the Yjs transaction that brought a structure the editor cannot render, so
 * the editor's own observer never sees it: rendering 20,000 nested quotes overflowed the stack,
 * and meeting an unknown element or mark makes y-tiptap delete it — a change it would then send.
 * The document itself keeps the content (nothing is lost or sent back).
 */
class UnrenderableDocument extends Error {
	override name = 'UnrenderableDocument'
}

/** Failed attempts in a row (with the browser online) before asking the page why. */
const FAILURES_BEFORE_CHECK = 3
/** IndexedDB can be missing or stuck (some private modes): connect without it after this long. */
const LOCAL_COPY_WAIT_MS = 3_000

/**
 * One person's live connection to one section: the Yjs document, kept in IndexedDB so edits made
 * offline survive a reload, and synced over y-websocket with `/collab/:sectionId` (the browser
 * sends the session cookie itself). It follows the server's access messages and close codes.
 */
export class CollabSession {
	readonly doc = new Y.Doc()
	readonly provider: WebsocketProvider
	readonly #persistence: IndexeddbPersistence
	readonly #tracker: SaveTracker
	readonly #listeners = new Set<() => void>()
	#state: CollabState
	#failures = 0
	#checking = false
	#destroyed = false
	#localReady = false
	#localTimer: ReturnType<typeof setTimeout>

	constructor(options: {
		sectionId: string
		user: CollabUser
		access: Access
		readOnlyReason: string | null
	}) {
		this.#state = {
			connection: navigator.onLine ? 'connecting' : 'offline',
			synced: false,
			pending: false,
			access: options.access,
			readOnlyReason: options.readOnlyReason,
			closedBecause: null,
			closeCode: null,
			unrenderable: null,
		}
		const fragment = this.doc.getXmlFragment(FRAGMENT_NAME)
		// Registered before anything can fill the document: it sees every change, from any source.
		this.doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
			const problem = findAddedStructureProblem(transaction, fragment)
			if (!problem) return
			this.#cannotRender(problem)
			throw new UnrenderableDocument(problem)
		})
		// One local copy per person and section: two people sharing a browser profile must never send
		// each other's unsynced edits under their own name.
		this.#persistence = new IndexeddbPersistence(
			`convene-section-${options.sectionId}-${options.user.id}`,
			this.doc,
		)
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
		this.provider = new WebsocketProvider(
			`${scheme}://${location.host}/collab`,
			options.sectionId,
			this.doc,
			{
				// Not before the local copy is loaded: the first sync then carries any edits kept on this
				// device, and "Saved" is not claimed while some of them are still unread.
				connect: false,
				// Tabs each keep their own socket; IndexedDB, not the broadcast channel, is the local copy.
				disableBc: true,
				shouldReconnect: (event) => shouldReconnect(event.code),
			},
		)
		this.#speakOnlyForSelf()
		this.#catchRenderErrors()
		this.provider.awareness.setLocalStateField('user', options.user)
		this.#tracker = new SaveTracker(this.provider, () => this.#set({ pending: this.#tracker.pending }))
		this.#tracker.setCounting(options.access !== 'read')
		this.provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
			const access = parseTextAccess(decoding.readVarString(decoder))
			const reason = decoding.readVarString(decoder)
			this.#tracker.setCounting(access !== 'read')
			this.#set({ access, readOnlyReason: access === 'write' ? null : reason || null })
		}
		this.provider.on('status', this.#onStatus)
		this.provider.on('sync', this.#onSync)
		this.provider.on('connection-close', this.#onClose)
		window.addEventListener('offline', this.#onBrowserOffline)
		window.addEventListener('online', this.#onBrowserOnline)
		this.#localTimer = setTimeout(this.#onLocalReady, LOCAL_COPY_WAIT_MS)
		this.#persistence.once('synced', this.#onLocalReady)
	}

	subscribe = (listener: () => void) => {
		this.#listeners.add(listener)
		return () => this.#listeners.delete(listener)
	}

	getSnapshot = (): CollabState => this.#state

	/** Tries again after a close that waiting may fix (the section could not be loaded). */
	retry(): void {
		if (this.#state.connection !== 'closed') return
		this.#set({ connection: 'connecting', closedBecause: null, closeCode: null })
		this.provider.connect()
	}

	destroy(): void {
		this.#destroyed = true
		clearTimeout(this.#localTimer)
		window.removeEventListener('offline', this.#onBrowserOffline)
		window.removeEventListener('online', this.#onBrowserOnline)
		this.#tracker.destroy()
		this.provider.destroy()
		this.#persistence.destroy()
		this.doc.destroy()
		this.#listeners.clear()
	}

	/**
	 * y-websocket sends every awareness change it sees, other people's included, back to the server.
	 * Ours accepts a connection's own client id only (another's closes it with 4400), so this
	 * client speaks for itself alone; the server relays everyone else's presence anyway.
	 */
	#speakOnlyForSelf() {
		const { awareness } = this.provider
		awareness.off('update', this.provider._awarenessUpdateHandler)
		this.provider._awarenessUpdateHandler = (changes: Record<'added' | 'updated' | 'removed', number[]>) => {
			const own = this.doc.clientID
			if (![...changes.added, ...changes.updated, ...changes.removed].includes(own)) return
			const ws = this.provider.ws
			if (!this.provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
			const encoder = encoding.createEncoder()
			encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
			encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [own]))
			ws.send(encoding.toUint8Array(encoder))
		}
		// Replaced in place, so provider.destroy() still removes the listener.
		awareness.on('update', this.provider._awarenessUpdateHandler)
	}

	/**
	 * Whatever throws while a message from the server is applied comes from what observes the
	 * document, the editor: the text is in the document, but the editor cannot show it.
	 */
	#catchRenderErrors() {
		const handleSync = this.provider.messageHandlers[MESSAGE_SYNC]
		if (!handleSync) return
		this.provider.messageHandlers[MESSAGE_SYNC] = (...args) => {
			try {
				handleSync(...args)
			} catch (error) {
				if (!(error instanceof UnrenderableDocument)) console.error(error)
				this.#cannotRender(error instanceof Error ? error.message : String(error))
			}
		}
	}

	/** The editor cannot show this document; the page shows its text instead (once, the first reason). */
	#cannotRender(reason: string) {
		if (this.#state.unrenderable) return
		this.#set({ unrenderable: reason })
		// The local copy may be what brought it, and then never says it has loaded.
		this.#onLocalReady()
	}

	#onLocalReady = () => {
		clearTimeout(this.#localTimer)
		if (this.#localReady) return
		this.#localReady = true
		if (navigator.onLine && this.#state.connection !== 'closed') this.provider.connect()
	}

	#set(change: Partial<CollabState>) {
		this.#state = { ...this.#state, ...change }
		for (const listener of this.#listeners) listener()
	}

	#onStatus = ({ status }: { status: string }) => {
		if (this.#state.connection === 'closed') return
		if (status === 'connected') {
			this.#failures = 0
			this.#set({ connection: 'online' })
		} else if (status === 'disconnected') this.#set({ connection: 'offline', synced: false })
	}

	#onSync = (synced: boolean) => this.#set({ synced })

	#onClose = (event: CloseEvent | null) => {
		if (this.#state.connection === 'closed') return
		if (event && !shouldReconnect(event.code)) {
			// y-websocket stops reconnecting by itself (our shouldReconnect said so).
			this.#close(event.code, false)
			return
		}
		this.#set({ connection: 'offline', synced: false })
		this.#failures += 1
		if (this.#failures >= FAILURES_BEFORE_CHECK && navigator.onLine) void this.#askWhy()
	}

	#close(code: number, disconnect = true) {
		this.#set({ connection: 'closed', synced: false, closeCode: code, closedBecause: explainClose(code) })
		this.provider.shouldConnect = false
		if (disconnect) this.provider.disconnect()
		// The change the server refused can never be saved: kept on this device, it would be sent
		// and refused again on every visit. The page tells the person; a reload starts from the
		// section as stored.
		if (code === CLOSE_CODES.SUGGESTIONS_ONLY) void this.#persistence.clearData()
	}

	/**
	 * A refused upgrade (401, 404) reaches the page only as an abnormal close, the same as a dropped
	 * network. After a few in a row, the page itself says whether the person was signed out or lost
	 * access; a page that still loads means the network or the server is the trouble: keep trying.
	 */
	async #askWhy() {
		if (this.#checking) return
		this.#checking = true
		try {
			const response = await fetch(location.href, { redirect: 'manual', credentials: 'same-origin' })
			if (this.#destroyed) return
			if (response.type === 'opaqueredirect') this.#close(CLOSE_CODES.SIGNED_OUT)
			else if (response.status === 404) this.#close(CLOSE_CODES.NO_SUCH_SECTION)
			else if (response.status === 403) this.#close(CLOSE_CODES.ACCESS_CHANGED)
		} catch {
			// The network is down after all: the status already says offline.
		} finally {
			this.#failures = 0
			this.#checking = false
		}
	}

	/** The browser knows the network is gone before the socket does: say so, stop trying. */
	#onBrowserOffline = () => {
		if (this.#state.connection === 'closed') return
		this.provider.disconnect()
		this.#set({ connection: 'offline', synced: false })
	}

	#onBrowserOnline = () => {
		if (this.#state.connection === 'closed') return
		this.#set({ connection: 'connecting' })
		if (this.#localReady) this.provider.connect()
	}
}
