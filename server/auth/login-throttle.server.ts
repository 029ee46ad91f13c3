import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/** Failed sign-ins allowed per account in the window: slows guessing one person's password. */
export const ACCOUNT_FAILURES = 5
/** Failed sign-ins allowed per IP address: slows trying one password on many accounts. */
export const IP_FAILURES = 30
export const WINDOW_SECONDS = 15 * 60

/**
 * Counts failed sign-ins per account and per IP address in memory (one process serves the
 * instance; counters resetting on restart is acceptable). A success clears the account's counter.
 */
export function createLoginThrottle(
	options = { accountFailures: ACCOUNT_FAILURES, ipFailures: IP_FAILURES },
) {
	const byAccount = new RateLimiterMemory({ points: options.accountFailures, duration: WINDOW_SECONDS })
	const byIp = new RateLimiterMemory({ points: options.ipFailures, duration: WINDOW_SECONDS })

	async function blockedFor(limiter: RateLimiterMemory, points: number, key: string): Promise<number> {
		const state = await limiter.get(key)
		return state && state.consumedPoints >= points ? state.msBeforeNext : 0
	}

	return {
		/** Milliseconds until this account or address may try again; 0 when it may try now. */
		async retryAfterMs(email: string, ip: string): Promise<number> {
			return Math.max(
				await blockedFor(byAccount, options.accountFailures, email),
				await blockedFor(byIp, options.ipFailures, ip),
			)
		},
		async recordFailure(email: string, ip: string): Promise<void> {
			for (const [limiter, key] of [
				[byAccount, email],
				[byIp, ip],
			] as const) {
				await limiter.consume(key).catch((error: unknown) => {
					if (!(error instanceof RateLimiterRes)) throw error
				})
			}
		},
		async recordSuccess(email: string): Promise<void> {
			await byAccount.delete(email)
		},
	}
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
