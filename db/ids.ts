import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'

/** A random text id: 16 base32 characters, 80 bits. */
export function createId(): string {
	return encodeId(randomBytes(16))
}

/** Turns random bytes into an id (also used by the seed with its fixed-seed generator). */
export function encodeId(bytes: Uint8Array): string {
	let id = ''
	for (let i = 0; i < 16; i++) id += ALPHABET[(bytes[i] ?? 0) % 32]
	return id
}
