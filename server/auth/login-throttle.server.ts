import { WindowCounter } from './window-counter.server.ts'

/** Failed sign-ins per account from one address in the window: slows guessing one person's password. */
const PAIR_FAILURES = 5
/** Failed sign-ins per address, whatever the accounts: slows trying one password on many accounts. */
const ADDRESS_FAILURES = 30
/** Failed sign-ins per account from anywhere before addresses it has not signed in from are slowed. */
const ACCOUNT_FAILURES_BEFORE_SLOWING = 5
/** Once slowed, one password check per this many ms for the account from addresses new to it. */
const SLOWED_CHECK_INTERVAL_MS = 10_000
export const WINDOW_SECONDS = 15 * 60
/** Addresses remembered per account as "usual" (it signed in from them), newest kept. */
const USUAL_ADDRESSES_PER_ACCOUNT = 5
const ACCOUNTS_REMEMBERED = 100_000

export type LoginThrottleLimits = {
	pairFailures: number
	addressFailures: number
	accountFailuresBeforeSlowing: number
	slowedCheckIntervalMs: number
}

const DEFAULT_LIMITS: LoginThrottleLimits = {
	pairFailures: PAIR_FAILURES,
	addressFailures: ADDRESS_FAILURES,
	accountFailuresBeforeSlowing: ACCOUNT_FAILURES_BEFORE_SLOWING,
	slowedCheckIntervalMs: SLOWED_CHECK_INTERVAL_MS,
}

/** A reserved password check: say how it ended. A failure keeps the reservation counted. */
type SignInAttempt = { succeeded(): void; failed(): void }

export type Reservation = { ok: true; attempt: SignInAttempt } | { ok: false; retryAfterMs: number }

/**
 * Sign-in throttling, in memory (one process serves the instance; counters resetting on restart
 * is acceptable).
 *
 * SECURITY: a password check is *reserved* — counted as a failure — before the hash is verified,
 * in one synchronous step, and given back only if it succeeds. Checking the count and recording
 * the failure after the (slow) hash let a hundred simultaneous requests all pass the check.
 *
 * Limits: per (account, address) and per address, a lock for the rest of the window. Per account
 * from anywhere there is no lock — that would let anyone shut a person out — but past a few
 * failures, addresses the account has not signed in from get one check per interval: guessing
 * from many addresses is slowed, while the person at their usual address is not affected and at a
 * new one waits seconds, not minutes.
 */
export function createLoginThrottle(limits: LoginThrottleLimits = DEFAULT_LIMITS, clock = () => Date.now()) {
	const windowMs = WINDOW_SECONDS * 1000
	const byPair = new WindowCounter(windowMs)
	const byAddress = new WindowCounter(windowMs)
	const byAccount = new WindowCounter(windowMs)
	const slowedChecks = new WindowCounter(limits.slowedCheckIntervalMs)
	const usualAddresses = new Map<string, string[]>()

	const pairKey = (email: string, ip: string) => `${email}\n${ip}`

	function isUsual(email: string, ip: string): boolean {
		return usualAddresses.get(email)?.includes(ip) ?? false
	}

	function rememberUsual(email: string, ip: string): void {
		const known = (usualAddresses.get(email) ?? []).filter((address) => address !== ip)
		known.push(ip)
		usualAddresses.delete(email)
		usualAddresses.set(email, known.slice(-USUAL_ADDRESSES_PER_ACCOUNT))
		if (usualAddresses.size > ACCOUNTS_REMEMBERED) {
			const oldest = usualAddresses.keys().next().value
			if (oldest !== undefined) usualAddresses.delete(oldest)
		}
	}

	return {
		/**
		 * Reserves one password check for `email` from `ip`, or says how long to wait. Call it before
		 * verifying the password, and report the outcome on the attempt it returns.
		 */
		reserve(email: string, ip: string): Reservation {
			const now = clock()
			const pair = pairKey(email, ip)
			if (byPair.count(pair, now) >= limits.pairFailures) {
				return { ok: false, retryAfterMs: byPair.msUntilReset(pair, now) }
			}
			if (byAddress.count(ip, now) >= limits.addressFailures) {
				return { ok: false, retryAfterMs: byAddress.msUntilReset(ip, now) }
			}
			const slowed = !isUsual(email, ip) && byAccount.count(email, now) >= limits.accountFailuresBeforeSlowing
			if (slowed) {
				if (slowedChecks.count(email, now) > 0) {
					return { ok: false, retryAfterMs: slowedChecks.msUntilReset(email, now) }
				}
				slowedChecks.add(email, now)
			}
			byPair.add(pair, now)
			byAddress.add(ip, now)
			byAccount.add(email, now)
			let settled = false
			return {
				ok: true,
				attempt: {
					succeeded() {
						if (settled) return
						settled = true
						const at = clock()
						byPair.clear(pair)
						byAddress.add(ip, at, -1)
						byAccount.add(email, at, -1)
						rememberUsual(email, ip)
					},
					failed() {
						settled = true
					},
				},
			}
		},
	}
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
