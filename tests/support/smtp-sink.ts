import { createServer } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A port free on 127.0.0.1 at this moment. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
		probe.on('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address()
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
		})
	})
}

/**
 * A real SMTP server in the test process: no TLS, no authentication; each message's raw text is
 * handed to `receive`, and the server answers 250 once `receive` has finished with it.
 */
export async function startSmtpSink(
	port: number,
	receive: (raw: string) => void | Promise<void>,
): Promise<SMTPServer> {
	const instance = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			const chunks: Buffer[] = []
			stream.on('data', (chunk: Buffer) => chunks.push(chunk))
			stream.on('end', () => {
				Promise.resolve(receive(Buffer.concat(chunks).toString('utf8'))).then(
					() => callback(),
					(error: Error) => callback(error),
				)
			})
		},
	})
	await new Promise<void>((resolve, reject) => {
		instance.once('error', reject)
		instance.listen(port, '127.0.0.1', () => resolve())
	})
	return instance
}
