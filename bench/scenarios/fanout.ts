import { runJsonChild } from '../lib/child-json.ts'
import { FLAVOR, type Running, sectionId, signIn } from '../lib/servers.ts'
import type { FanoutConfig, FanoutResult } from '../load/fanout-types.ts'

/** Where a fan-out run connects and as whom, for one running server. */
export type Target = Pick<
	FanoutConfig,
	'flavor' | 'docName' | 'editorUrl' | 'viewerUrl' | 'editorHeaders' | 'viewerHeaders' | 'serverPid'
>

/**
 * Prepares a target. Convene: its seeded shared section, editors signed in as the four demo
 * accounts that may write it (sessions shared round-robin, as a person with several tabs would),
 * viewers as the observer. The baselines take anyone: a fresh room name per run.
 */
export async function prepareTarget(server: Running, room: string): Promise<Target> {
	const ws = server.origin.replace('http', 'ws')
	if (server.kind !== 'convene') {
		return {
			flavor: FLAVOR[server.kind],
			docName: room,
			editorUrl: `${ws}/${room}`,
			viewerUrl: `${ws}/${room}`,
			editorHeaders: [{}],
			viewerHeaders: {},
			serverPid: server.pid,
		}
	}
	const id = sectionId(server.dataPath as string)
	const origin = server.origin
	const cookies = []
	for (const account of ['cochair', 'lead', 'writer', 'writer2']) {
		cookies.push(await signIn(origin, `${account}@demo.test`))
	}
	const observer = await signIn(origin, 'observer@demo.test')
	return {
		flavor: 'yws',
		docName: id,
		editorUrl: `${ws}/collab/${id}`,
		viewerUrl: `${ws}/collab/${id}`,
		editorHeaders: cookies.map((cookie) => ({ Origin: origin, Cookie: cookie })),
		viewerHeaders: { Origin: origin, Cookie: observer },
		serverPid: server.pid,
	}
}

/** Runs the load generator in its own process and returns what it measured. */
export function runGenerator(config: FanoutConfig): Promise<FanoutResult> {
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

/** One fan-out measurement against a running server. */
export async function measureFanout(server: Running, plan: FanoutPlan, run: number): Promise<FanoutResult> {
	const target = await prepareTarget(server, `bench-${run}`)
	return runGenerator({
		...plan,
		...target,
		label: server.kind,
		clientBase: 1_000_000 + Math.floor(Math.random() * 1_000_000_000),
	})
}
