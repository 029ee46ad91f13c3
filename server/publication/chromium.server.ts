import { accessSync, constants } from 'node:fs'
import path from 'node:path'

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']

let found: string | null | undefined

/**
 * The Chromium binary that prints PDFs: `CHROMIUM_PATH` when set (checked at start), else the
 * first of the usual names on the PATH; null when the server has none. Looked up once.
 */
export function findChromium(configured: string | undefined): string | null {
	if (configured) return configured
	if (found !== undefined) return found
	found = null
	for (const folder of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
		for (const name of CANDIDATES) {
			try {
				accessSync(path.join(folder, name), constants.X_OK)
				found = path.join(folder, name)
				return found
			} catch {
				// Not here; keep looking.
			}
		}
	}
	return found
}

/** What the PDF link says when the server cannot print. */
export const PDF_UNAVAILABLE =
	'PDF is not available on this server: it needs Chromium. An administrator can install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary, then restart Convene.'
