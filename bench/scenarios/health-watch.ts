import http from 'node:http'
import { nowMs } from '../lib/client.ts'

/**
 * Asks `/healthz` every 50 ms (one request at a time, on a fresh connection, 10 s timeout) and keeps
 * the gaps between answered requests: a gap over 1 s is an outage anyone would notice.
 */
export class HealthWatch {
	readonly #origin: string
	#running = true
	#answers = 0
	#lastAnswer = nowMs()
	#longestGap = 0
	#outages = 0
	readonly #loop: Promise<void>

	constructor(origin: string) {
		this.#origin = origin
		this.#loop = this.#run()
	}

	async #run(): Promise<void> {
		while (this.#running) {
			if (await this.#ask()) this.#answered()
			await new Promise((resolve) => setTimeout(resolve, 50))
		}
	}

	#answered(): void {
		const at = nowMs()
		const gap = at - this.#lastAnswer
		this.#longestGap = Math.max(this.#longestGap, gap)
		if (gap > 1_000) this.#outages++
		this.#lastAnswer = at
		this.#answers++
	}

	#ask(): Promise<boolean> {
		return new Promise((resolve) => {
			const request = http.get(`${this.#origin}/healthz`, { agent: false, timeout: 10_000 }, (response) => {
				response.resume()
				response.on('end', () => resolve(response.statusCode === 200))
			})
			request.on('timeout', () => request.destroy())
			request.on('error', () => resolve(false))
		})
	}

	/** Stops asking; the time since the last answer counts as a gap too. */
	async stop(): Promise<{ answers: number; longestGapMs: number; outagesOver1s: number }> {
		this.#running = false
		await this.#loop
		this.#answered()
		return { answers: this.#answers - 1, longestGapMs: this.#longestGap, outagesOver1s: this.#outages }
	}
}
