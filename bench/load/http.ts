import autocannon from 'autocannon'
import { serveJsonChild } from '../lib/child-json.ts'

export type HttpLoadConfig = { url: string; cookies: string[]; connections: number; durationS: number }
export type HttpLoadResult = {
	url: string
	rps: number
	p50: number
	p99: number
	max: number
	requests: number
	errors: number
	non2xx: number
	generatorCpuCores: number
}

/**
 * autocannon in its own process: `connections` keep-alive clients, each with its own session
 * cookie (round-robin over `cookies`), for `durationS` seconds.
 */
export async function runHttpLoad(config: HttpLoadConfig): Promise<HttpLoadResult> {
	let next = 0
	const cpu0 = process.cpuUsage()
	const result = await autocannon({
		url: config.url,
		connections: config.connections,
		duration: config.durationS,
		setupClient: (client) => {
			const cookie = config.cookies[next++ % Math.max(1, config.cookies.length)]
			if (cookie) client.setHeaders({ cookie })
		},
	})
	const cpu = process.cpuUsage(cpu0)
	return {
		url: config.url,
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		max: result.latency.max,
		requests: result.requests.total,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx,
		generatorCpuCores: (cpu.user + cpu.system) / 1e6 / config.durationS,
	}
}

// Run as a process: configuration on stdin, result on the last line (bench/lib/child-json.ts).
serveJsonChild(import.meta.filename, (config: HttpLoadConfig) => runHttpLoad(config))
