import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Longest a print may take before Chromium is stopped (a 50-page edition prints in about 3 s). */
const PRINT_TIMEOUT_MS = 60_000
/** Prints waiting their turn; past this a download is refused as busy rather than queued. */
const MAX_WAITING = 8

export class PdfBusy extends Error {
	override name = 'PdfBusy'
}

let queue: Promise<unknown> = Promise.resolve()
let waiting = 0

/**
 * Prints a self-contained HTML document to a tagged PDF (headings, lists and tables tagged, so
 * screen readers can follow it; an outline from the headings) with the Chromium binary at
 * `chromium`, in its own temporary profile, one print at a time — see ADR 010.
 */
export async function printPdf(html: string, chromium: string): Promise<Buffer> {
	if (waiting >= MAX_WAITING)
		throw new PdfBusy('Too many PDFs are being made right now. Try again in a minute.')
	waiting++
	const turn = queue.then(() => printNow(html, chromium))
	queue = turn.catch(() => {})
	try {
		return await turn
	} finally {
		waiting--
	}
}

async function printNow(html: string, chromium: string): Promise<Buffer> {
	const folder = await mkdtemp(path.join(tmpdir(), 'convene-pdf-'))
	try {
		const input = path.join(folder, 'edition.html')
		const output = path.join(folder, 'edition.pdf')
		await writeFile(input, html)
		const args = [
			'--headless',
			'--disable-gpu',
			'--disable-extensions',
			'--disable-background-networking',
			'--no-first-run',
			`--user-data-dir=${path.join(folder, 'profile')}`,
			'--no-pdf-header-footer',
			'--generate-pdf-document-outline',
			`--print-to-pdf=${output}`,
			// Chromium's sandbox cannot start as root (containers); elsewhere it stays on.
			...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
			`file://${input}`,
		]
		await run(chromium, args)
		return await readFile(output)
	} finally {
		await rm(folder, { recursive: true, force: true })
	}
}

function run(command: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
		let stderr = ''
		child.stderr.on('data', (chunk: Buffer) => {
			if (stderr.length < 4096) stderr += chunk.toString()
		})
		const timer = setTimeout(() => child.kill('SIGKILL'), PRINT_TIMEOUT_MS)
		child.on('error', (error) => {
			clearTimeout(timer)
			reject(error)
		})
		child.on('exit', (code, signal) => {
			clearTimeout(timer)
			if (code === 0) resolve()
			else
				reject(
					new Error(`Chromium could not print the PDF (${signal ?? `exit ${code}`}): ${stderr.slice(-500)}`),
				)
		})
	})
}
