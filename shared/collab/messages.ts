/**
 * Message types on the wire: the y-websocket v3 protocol (`[varUint type][payload]`) plus one of
 * ours. y-websocket clients ignore types they do not know.
 */
export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_QUERY_AWARENESS = 3
/** Ours: `[100][varString 'read' | 'suggest' | 'write'][varString reason]` — what this connection may do now. */
export const MESSAGE_ACCESS = 100

/** y-protocols sync sub-types. */
export const SYNC_STEP_1 = 0
export const SYNC_STEP_2 = 1
export const SYNC_UPDATE = 2

/** The XmlFragment TipTap's Collaboration extension edits. */
export const FRAGMENT_NAME = 'default'
