/**
 * Flags for headless Chromium on a machine with a closed network (no background connections): the
 * bench's paint measurements and the browser tests launch it the same way.
 */
export const CHROMIUM_ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
]
