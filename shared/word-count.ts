/** Words in a piece of text, counted the way a writer would: runs of letters or digits. */
export function countWords(text: string): number {
	return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0
}
