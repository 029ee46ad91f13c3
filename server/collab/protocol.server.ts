import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { TextAccess } from '#shared/collab/access.ts'
import {
	MESSAGE_ACCESS,
	MESSAGE_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
} from '#shared/collab/messages.ts'

/** `[sync][step 1][state vector]`: "tell me what I am missing". */
export function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_STEP_1)
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
	return encoding.toUint8Array(encoder)
}

/** `[sync][step 2][update]`: the answer to a step 1, `update` holding what the peer lacks. */
export function syncStep2Message(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_STEP_2)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

/** `[sync][update][update]`: a change to broadcast. */
export function syncUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

/** `[awareness][update]` for the given client ids (all known states when omitted). */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients?: number[]): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
	encoding.writeVarUint8Array(
		encoder,
		awarenessProtocol.encodeAwarenessUpdate(awareness, clients ?? [...awareness.getStates().keys()]),
	)
	return encoding.toUint8Array(encoder)
}

/** `[awareness][payload]` re-wrapping a payload received from a peer, to forward it unchanged. */
export function awarenessForward(payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
	encoding.writeVarUint8Array(encoder, payload)
	return encoding.toUint8Array(encoder)
}

/** Ours: `[access][read|write][reason]`, so the editor follows a change of rights at once. */
export function accessMessage(access: TextAccess, reason: string | null): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_ACCESS)
	encoding.writeVarString(encoder, access)
	encoding.writeVarString(encoder, reason ?? '')
	return encoding.toUint8Array(encoder)
}
