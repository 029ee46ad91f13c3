/**
 * How long until the oldest event of a sliding window leaves it: seconds for `Retry-After` (at
 * least 1) and the same in whole minutes for a sentence ("try again in 4 minutes").
 */
export function windowWait(oldestAt: number, windowMs: number, now: number) {
	const seconds = Math.max(1, Math.ceil((oldestAt + windowMs - now) / 1000))
	const minutes = Math.ceil(seconds / 60)
	return { seconds, inMinutes: `${minutes} minute${minutes === 1 ? '' : 's'}` }
}
