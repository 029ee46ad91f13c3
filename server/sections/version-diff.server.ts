import { diffWords } from 'diff'

type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }

export type TextDiff =
	| { comparable: true; parts: DiffPart[]; added: number; removed: number }
	/** The two texts differ too much to compare word by word within the time allowed. */
	| { comparable: false }

/**
 * How the current text differs from a version's, word by word: what was added since the version
 * and what was removed. Computed in slices off the event loop (jsdiff's async mode) and given up
 * after `timeoutMs`, so a very large or very different text never holds the server.
 */
export function diffTexts(version: string, current: string, timeoutMs = 2_000): Promise<TextDiff> {
	return new Promise((resolve) => {
		diffWords(version, current, {
			timeout: timeoutMs,
			callback: (changes) => {
				if (!changes) {
					resolve({ comparable: false })
					return
				}
				const parts: DiffPart[] = changes.map((change) => ({
					kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
					text: change.value,
				}))
				const words = (kind: DiffPart['kind']) =>
					parts
						.filter((part) => part.kind === kind)
						.reduce((sum, part) => sum + (part.text.match(/\S+/g)?.length ?? 0), 0)
				resolve({ comparable: true, parts, added: words('added'), removed: words('removed') })
			},
		})
	})
}
