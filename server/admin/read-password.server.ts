/**
 * Why no password was read; the message says what to do instead. `usage`: none was given;
 * `refused`: the two typed at the prompt differ; `interrupted`: Ctrl-C.
 */
export class PasswordInputError extends Error {
	override name = 'PasswordInputError'
	constructor(
		message: string,
		readonly kind: 'usage' | 'refused' | 'interrupted' = 'usage',
	) {
		super(message)
	}
}

// Far more than any acceptable password (256 characters), so an over-long one is refused by the
// password rules with a clear message rather than cut off here.
const MAX_PIPED_CHARACTERS = 4096

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }
type Output = { write: (text: string) => unknown }

/**
 * A new password for `email`: the first line of standard input when it is piped, or typed twice at
 * a prompt without echo when it is a terminal. Never from the command line, where shell history
 * and process lists would keep it.
 */
export async function readNewPassword(input: Input, prompts: Output, email: string): Promise<string> {
	if (!input.isTTY) return readPipedLine(input)
	const password = await promptHidden(input, prompts, `Password for ${email}: `)
	const repeated = await promptHidden(input, prompts, 'Type it again: ')
	if (password !== repeated)
		throw new PasswordInputError('The two passwords are not the same; nothing was written.', 'refused')
	return password
}

async function readPipedLine(input: Input): Promise<string> {
	let text = ''
	for await (const chunk of input) {
		text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
		// Stop at the first line: whatever feeds the pipe may never close it.
		if (text.includes('\n') || text.length > MAX_PIPED_CHARACTERS) break
	}
	const line = text.split('\n')[0]?.replace(/\r$/, '') ?? ''
	if (line === '') {
		throw new PasswordInputError(
			'No password on standard input: pipe it (e.g. from a password manager) or run the command in a terminal to be prompted.',
		)
	}
	return line
}

/**
 * Reads one line from a terminal in raw mode, so the typed characters are not shown. Handles
 * backspace, Enter, Ctrl-C and Ctrl-D; ignores other control keys and escape sequences (arrows).
 */
function promptHidden(input: Input, output: Output, question: string): Promise<string> {
	output.write(question)
	input.setRawMode?.(true)
	input.setEncoding('utf8')
	input.resume()
	return new Promise((resolve, reject) => {
		let typed = ''
		const finish = (error?: PasswordInputError) => {
			input.removeListener('data', onData)
			input.removeListener('end', onEnd)
			input.setRawMode?.(false)
			input.pause()
			output.write('\n')
			if (error) reject(error)
			else resolve(typed)
		}
		const onData = (chunk: string | Buffer) => {
			const text = String(chunk)
			if (text.startsWith('\u001b')) return
			for (const character of text) {
				if (character === '\r' || character === '\n') return finish()
				if (character === '\u0003')
					return finish(new PasswordInputError('Cancelled; nothing was written.', 'interrupted'))
				if (character === '\u0004') {
					if (typed === '') return finish(new PasswordInputError('No password typed; nothing was written.'))
					return finish()
				}
				if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('')
				else if (character >= ' ') typed += character
			}
		}
		const onEnd = () =>
			finish(new PasswordInputError('The terminal closed before a password was typed; nothing was written.'))
		input.on('data', onData)
		input.once('end', onEnd)
	})
}
