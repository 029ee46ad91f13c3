import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** A whole struct of the store (an item, a garbage-collected range or a skip). */
type Struct = Y.Item | Y.GC

/**
 * Cuts a document's whole state into updates of at most `maxStructs` structs (then of at most
 * `maxStructs` delete ranges), so that applying them one after another, each in its own turn of
 * the event loop, builds the same document as applying `Y.encodeStateAsUpdate(doc)` at once —
 * which for a 16 MB section holds the loop for seconds.
 *
 * Every update is causally complete given the ones before it: structs come in an order where each
 * follows what it was inserted next to (origin, right origin), its parent item and its own
 * client's earlier structs, so nothing waits in Yjs's pending store. Deletions come last, as in
 * Yjs's own encoding (structs, then the delete set).
 */
export function sliceState(doc: Y.Doc, maxStructs: number): Uint8Array[] {
	const clients = doc.store.clients as Map<number, Struct[]>
	/** Per client: index of the next struct not yet placed. */
	const next = new Map<number, number>()
	for (const client of clients.keys()) next.set(client, 0)
	const order: Array<[client: number, index: number]> = []

	/** The struct holding (client, clock), or undefined when the store has none. */
	const locate = (client: number, clock: number): number | undefined => {
		const structs = clients.get(client)
		if (!structs || structs.length === 0) return undefined
		const last = structs[structs.length - 1] as Struct
		if (clock >= last.id.clock + last.length) return undefined
		return Y.findIndexSS(structs, clock)
	}

	// Depth-first with an explicit stack (chains of dependencies are as long as the text).
	const stack: Array<[client: number, upTo: number]> = []
	const place = (client: number, upTo: number) => {
		stack.push([client, upTo])
		while (stack.length > 0) {
			const [current, target] = stack[stack.length - 1] as [number, number]
			const index = next.get(current) as number
			if (index > target) {
				stack.pop()
				continue
			}
			const struct = (clients.get(current) as Struct[])[index] as Struct
			const missing = firstMissingDependency(struct, next, locate)
			if (missing) {
				stack.push(missing)
				continue
			}
			order.push([current, index])
			next.set(current, index + 1)
		}
	}
	for (const [client, structs] of clients) place(client, structs.length - 1)

	const slices: Uint8Array[] = []
	for (let start = 0; start < order.length; start += maxStructs) {
		slices.push(encodeStructs(clients, order.slice(start, start + maxStructs)))
	}
	const deletes = Y.createDeleteSetFromStructStore(doc.store)
	let ranges: Array<[client: number, clock: number, len: number]> = []
	const flushDeletes = () => {
		if (ranges.length > 0) slices.push(encodeDeletes(ranges))
		ranges = []
	}
	for (const [client, items] of deletes.clients) {
		for (const item of items) {
			ranges.push([client, item.clock, item.len])
			if (ranges.length >= maxStructs) flushDeletes()
		}
	}
	flushDeletes()
	return slices
}

/** The first dependency of `struct` not yet placed, as [client, struct index], or null. */
function firstMissingDependency(
	struct: Struct,
	next: Map<number, number>,
	locate: (client: number, clock: number) => number | undefined,
): [number, number] | null {
	if (!(struct instanceof Y.Item)) return null
	const parentItem = (struct.parent as Y.AbstractType<unknown> | null)?._item ?? null
	for (const id of [struct.origin, struct.rightOrigin, parentItem?.id ?? null]) {
		if (!id || id.client === struct.id.client) continue
		const index = locate(id.client, id.clock)
		if (index !== undefined && index >= (next.get(id.client) as number)) return [id.client, index]
	}
	return null
}

/** An update of the given structs (per client, runs in clock order) and an empty delete set. */
function encodeStructs(clients: Map<number, Struct[]>, placed: Array<[number, number]>): Uint8Array {
	const runs = new Map<number, { first: number; count: number }>()
	for (const [client, index] of placed) {
		const run = runs.get(client)
		if (run) run.count++
		else runs.set(client, { first: index, count: 1 })
	}
	const encoder = new Y.UpdateEncoderV1()
	encoding.writeVarUint(encoder.restEncoder, runs.size)
	for (const [client, { first, count }] of runs) {
		const structs = clients.get(client) as Struct[]
		encoding.writeVarUint(encoder.restEncoder, count)
		encoder.writeClient(client)
		encoding.writeVarUint(encoder.restEncoder, (structs[first] as Struct).id.clock)
		for (let index = first; index < first + count; index++) (structs[index] as Struct).write(encoder, 0)
	}
	encoding.writeVarUint(encoder.restEncoder, 0)
	return encoder.toUint8Array()
}

/** An update with no structs and the given delete ranges. */
function encodeDeletes(ranges: Array<[number, number, number]>): Uint8Array {
	const byClient = new Map<number, Array<[number, number]>>()
	for (const [client, clock, len] of ranges) {
		const list = byClient.get(client) ?? []
		list.push([clock, len])
		byClient.set(client, list)
	}
	const encoder = new Y.UpdateEncoderV1()
	encoding.writeVarUint(encoder.restEncoder, 0)
	encoding.writeVarUint(encoder.restEncoder, byClient.size)
	for (const [client, list] of byClient) {
		encoder.resetDsCurVal()
		encoding.writeVarUint(encoder.restEncoder, client)
		encoding.writeVarUint(encoder.restEncoder, list.length)
		for (const [clock, len] of list) {
			encoder.writeDsClock(clock)
			encoder.writeDsLen(len)
		}
	}
	return encoder.toUint8Array()
}
