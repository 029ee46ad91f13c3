/**
 * What a collaboration connection may do with a section's text: read it (comments go over HTTP,
 * so a commenter's socket reads), add suggestions that its writers accept or reject (the server
 * checks every update leaves the accepted text as it was), or write it.
 */
export type TextAccess = 'read' | 'suggest' | 'write'

/**
 * A policy's section access as a connection's: commenting is reading, as far as the socket goes
 * (and a person with no access never gets a socket).
 */
export function textAccessOf(access: 'none' | 'read' | 'comment' | 'suggest' | 'write'): TextAccess {
	return access === 'write' || access === 'suggest' ? access : 'read'
}

/** The access the server sent (`MESSAGE_ACCESS`); anything unknown reads. */
export function parseTextAccess(value: string): TextAccess {
	return value === 'write' || value === 'suggest' ? value : 'read'
}
