/**
 * Caret colors: dark enough that white label text on them meets WCAG AA (at least 4.9:1), and
 * far enough apart to tell ten people apart. A color is never the only cue: every caret carries
 * its person's name, and the presence list names everyone.
 */
const CARET_COLORS = [
	'#1d4ed8', // blue
	'#b91c1c', // red
	'#047857', // green
	'#7e22ce', // purple
	'#c2410c', // orange
	'#0e7490', // cyan
	'#be185d', // pink
	'#4d7c0f', // olive
	'#854d0e', // brown
	'#475569', // slate
] as const

/**
 * The same person gets the same color on every device and every visit (FNV-1a of their id). The
 * collaboration server writes it into everyone's presence, so browsers cannot pick their own.
 */
export function caretColor(userId: string): string {
	return CARET_COLORS[caretColorIndex(userId)] as string
}

/**
 * The index of a person's color (0–9): suggestions are coloured by class (`.suggestion-author-N`
 * in editor.css, the same colors), since the Content-Security-Policy allows no inline styles.
 */
export function caretColorIndex(userId: string): number {
	let hash = 0x811c9dc5
	for (let i = 0; i < userId.length; i++) {
		hash ^= userId.charCodeAt(i)
		hash = Math.imul(hash, 0x01000193)
	}
	return (hash >>> 0) % CARET_COLORS.length
}
