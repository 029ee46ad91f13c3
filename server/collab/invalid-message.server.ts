/** A message from a client that the server refuses: the socket is closed with 4400. */
export class InvalidMessage extends Error {
	override name = 'InvalidMessage'
}
