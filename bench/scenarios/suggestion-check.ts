import * as Y from 'yjs'
import { SuggestionCheck } from '../../server/collab/suggestion-check.server.ts'
import { FRAGMENT_NAME } from '../../shared/collab/messages.ts'
import { editingTrace } from '../lib/documents.ts'
import { percentile, round } from '../lib/stats.ts'

export type SuggestionCheckResult = {
	/** The section's encoded size. */
	sectionKb: number
	updates: number
	/** Milliseconds the check took per update from a suggest-only connection. */
	p50Ms: number
	p99Ms: number
	maxMs: number
	/** Milliseconds applying the same update took (what every update costs anyway), median. */
	applyP50Ms: number
	/** Plain edits sent among them, and how many the check refused (must be all). */
	plainEdits: number
	plainRefused: number
}

/**
 * What the server's suggestion check (`server/collab/suggestion-check.server.ts`) costs per update
 * on a 160 KB section (issue #13): a suggester's client proposes a word at a time, each update
 * checked and then applied to the live document, as the collaboration server does; every tenth
 * update is a plain edit, which must be refused (and makes the check rebuild its shadow, as after
 * a real refusal — those rebuilds are in the numbers). In process, no sockets: the check is
 * synchronous work on the event loop, and this is its price.
 */
export function measureSuggestionCheck(updates: number): SuggestionCheckResult {
	const trace = editingTrace(160 * 1024, 13, 1)
	const live = new Y.Doc()
	Y.applyUpdate(live, trace.state)
	const client = new Y.Doc()
	Y.applyUpdate(client, trace.state)
	const paragraphs = client
		.getXmlFragment(FRAGMENT_NAME)
		.toArray()
		.map((element) => (element as Y.XmlElement).get(0) as Y.XmlText)
		.filter((text) => text instanceof Y.XmlText && text.length > 0)
	const check = new SuggestionCheck(live)
	const checks: number[] = []
	const applies: number[] = []
	let plainEdits = 0
	let plainRefused = 0
	for (let i = 0; i < updates; i++) {
		const text = paragraphs[(i * 7919) % paragraphs.length] as Y.XmlText
		const before = Y.encodeStateVector(client)
		const plain = i % 10 === 9
		const at = (i * 31) % text.length
		if (plain) text.insert(at, 'plain ', {})
		else text.insert(at, 'proposed ', { insertion: { id: `bench:${i.toString(36)}:x` } })
		const update = Y.encodeStateAsUpdate(client, before)
		let started = performance.now()
		const refused = check.refuses(update) !== null
		checks.push(performance.now() - started)
		if (plain) {
			plainEdits++
			if (refused) plainRefused++
			// Take it back on the client so the two stay alike, as a reconnecting editor would.
			client.transact(() => text.delete(at, 'plain '.length))
			Y.applyUpdate(live, Y.encodeStateAsUpdate(client, Y.encodeStateVector(live)))
			continue
		}
		if (refused) throw new Error('the check refused a suggestion')
		started = performance.now()
		Y.applyUpdate(live, update)
		applies.push(performance.now() - started)
	}
	check.release()
	const sorted = [...checks].sort((a, b) => a - b)
	return {
		sectionKb: round(Y.encodeStateAsUpdate(live).byteLength / 1024),
		updates,
		p50Ms: round(percentile(sorted, 50)),
		p99Ms: round(percentile(sorted, 99)),
		maxMs: round(sorted[sorted.length - 1] ?? 0),
		applyP50Ms: round(
			percentile(
				[...applies].sort((a, b) => a - b),
				50,
			),
		),
		plainEdits,
		plainRefused,
	}
}
