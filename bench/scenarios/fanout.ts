import { runJsonChild } from '../lib/child-json.ts'
import { addSections, seededDataDir, sessionsFor } from '../lib/convene-sections.ts'
import { FLAVOR, type Running, type ServerKind, type StartOptions, startServer } from '../lib/servers.ts'
import type { FanoutConfig, FanoutResult } from '../load/fanout-types.ts'

/** Where a fan-out run connects and as whom, for one running server. */
type Target = Pick<
	FanoutConfig,
	'flavor' | 'docName' | 'editorUrl' | 'viewerUrl' | 'editorHeaders' | 'viewerHeaders' | 'serverPid'
>

/**
 * A server started for fan-out runs, and the room each of its runs types in. Every run gets a
 * room of its own, on every server: a Yjs document does a little more work per update for each
 * client that ever wrote to it (its state vector is walked twice per transaction), so runs that
 * all typed into one room would charge each run for the clients of the ones before it (measured
 * offline: 22 µs to apply a keystroke with 50 clients in the document, 61 µs with 350).
 */
export type FanoutServer = { server: Running; nextRoom: () => string }

/**
 * Starts `kind` for `runs` fan-out runs. Convene serves only rooms that are sections, so its data
 * holds that many copies of the demo section (same text and subcommittee, so the demo writers may
 * write them), added before it starts; the baselines take any room name.
 */
export async function startFanoutServer(
	kind: ServerKind,
	runs: number,
	options: StartOptions = {},
): Promise<FanoutServer> {
	if (kind !== 'convene') {
		const server = await startServer(kind, options)
		let run = 0
		return { server, nextRoom: () => `bench-${run++}` }
	}
	const dataPath = await seededDataDir()
	const rooms = addSections(
		dataPath,
		Array.from({ length: runs }, (_, run) => ({ title: `Fan-out run ${run + 1}` })),
	)
	const server = await startServer('convene', { ...options, dataPath })
	return {
		server,
		nextRoom: () => {
			const room = rooms.shift()
			if (!room) throw new Error(`more than ${runs} fan-out runs on one Convene`)
			return room
		},
	}
}

/**
 * Where a run connects and as whom. Convene: editors signed in as demo people who may write the
 * section, viewers as members who may read it, in as many sessions of as many people as Convene's
 * socket caps need (`sessionsFor`). The baselines take anyone.
 */
async function prepareTarget(server: Running, room: string, plan: FanoutPlan): Promise<Target> {
	const ws = server.origin.replace('http', 'ws')
	if (server.kind !== 'convene') {
		return {
			flavor: FLAVOR[server.kind],
			docName: room,
			editorUrl: `${ws}/${room}`,
			viewerUrl: `${ws}/${room}`,
			editorHeaders: [{}],
			viewerHeaders: [{}],
			serverPid: server.pid,
		}
	}
	const origin = server.origin
	const headers = (cookie: string) => ({ Origin: origin, Cookie: cookie })
	return {
		flavor: 'yws',
		docName: room,
		editorUrl: `${ws}/collab/${room}`,
		viewerUrl: `${ws}/collab/${room}`,
		editorHeaders: (await sessionsFor(server, plan.editors, 'write')).map(headers),
		viewerHeaders: plan.viewers > 0 ? (await sessionsFor(server, plan.viewers, 'read')).map(headers) : [{}],
		serverPid: server.pid,
	}
}

/** Runs the load generator in its own process and returns what it measured. */
function runGenerator(config: FanoutConfig): Promise<FanoutResult> {
	return runJsonChild<FanoutResult>('bench/load/fanout.ts', config, 'generator')
}

export type FanoutPlan = Pick<
	FanoutConfig,
	| 'editors'
	| 'viewers'
	| 'rate'
	| 'warmupMs'
	| 'measureMs'
	| 'drainMs'
	| 'workers'
	| 'fullViewers'
	| 'editorDocs'
>

/** One fan-out measurement against a running server, in a room of its own. */
export async function measureFanout(
	{ server, nextRoom }: FanoutServer,
	plan: FanoutPlan,
): Promise<FanoutResult> {
	const target = await prepareTarget(server, nextRoom(), plan)
	return runGenerator({
		...plan,
		...target,
		label: server.kind,
		clientBase: 1_000_000 + Math.floor(Math.random() * 1_000_000_000),
	})
}
