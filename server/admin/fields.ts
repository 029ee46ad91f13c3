// Zone ids start with a letter ("America/Chicago", "UTC", "Etc/GMT+5"); this keeps out the offsets
// ("+05:00") that newer Intl versions also accept, which follow no daylight-saving rules.
const ZONE_ID = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/

/** The zone's canonical IANA spelling, or null when Intl does not know it. */
export function canonicalTimeZone(zone: string): string | null {
	if (!ZONE_ID.test(zone)) return null
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
	} catch {
		return null
	}
}
