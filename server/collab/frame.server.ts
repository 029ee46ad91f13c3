/**
 * A message as one unmasked, final, binary WebSocket frame (RFC 6455 §5.2): what a server puts on
 * the wire for it. A broadcast frames its message once and writes the same bytes to every socket,
 * one write each, instead of framing per peer.
 */
export function binaryFrame(message: Uint8Array): Buffer {
	const length = message.byteLength
	const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10
	const frame = Buffer.allocUnsafe(headerBytes + length)
	frame[0] = 0x82 // FIN + opcode 2 (binary)
	if (length < 126) {
		frame[1] = length
	} else if (length < 65_536) {
		frame[1] = 126
		frame.writeUInt16BE(length, 2)
	} else {
		frame[1] = 127
		frame.writeBigUInt64BE(BigInt(length), 2)
	}
	frame.set(message, headerBytes)
	return frame
}
