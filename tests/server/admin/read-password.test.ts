import { PassThrough, Readable } from 'node:stream'
import { describe, expect, test, vi } from 'vitest'
import { PasswordInputError, readNewPassword } from '#server/admin/read-password.server.ts'

/** A fake terminal: keystrokes go in with `type`, everything written to it lands in `shown`. */
function terminal() {
	const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: vi.fn() })
	let shown = ''
	const output = { write: (text: string) => (shown += text) }
	return { input, output, shown: () => shown, type: (keys: string) => input.write(keys) }
}

describe('a piped password', () => {
	test('is the first line of standard input, without its line ending', async () => {
		const stdin = Readable.from(['violet sunrise ', 'over oxen\r\n', 'ignored second line\n'])
		expect(await readNewPassword(stdin, { write: () => true }, 'ada@city.gov')).toBe(
			'violet sunrise over oxen',
		)
	})

	test('may come without a final newline', async () => {
		expect(await readNewPassword(Readable.from(['violet sunrise']), { write: () => true }, 'a@b.c')).toBe(
			'violet sunrise',
		)
	})

	test('missing altogether gets a message saying how to give one', async () => {
		const reading = readNewPassword(Readable.from([]), { write: () => true }, 'ada@city.gov')
		await expect(reading).rejects.toThrow(/No password on standard input/)
		await expect(reading).rejects.toMatchObject({ kind: 'usage' })
	})
})

describe('a password typed at a terminal', () => {
	test('is never echoed, honours backspace, and is asked for twice', async () => {
		const { input, output, shown, type } = terminal()
		const reading = readNewPassword(input, output, 'ada@city.gov')
		type('violet sunrise oxem\u007fn\r')
		await vi.waitFor(() => expect(shown()).toContain('Type it again: '))
		type('violet sunrise oxen\r')
		expect(await reading).toBe('violet sunrise oxen')
		expect(shown()).toBe('Password for ada@city.gov: \nType it again: \n')
		expect(input.setRawMode).toHaveBeenLastCalledWith(false)
	})

	test('two different entries are refused', async () => {
		const { input, output, shown, type } = terminal()
		const reading = readNewPassword(input, output, 'ada@city.gov')
		type('violet sunrise oxen\r')
		await vi.waitFor(() => expect(shown()).toContain('Type it again: '))
		type('violet sunrise ox\r')
		await expect(reading).rejects.toMatchObject({
			kind: 'refused',
			message: expect.stringContaining('not the same'),
		})
	})

	test('Ctrl-C cancels and gives the terminal back', async () => {
		const { input, output, type } = terminal()
		const reading = readNewPassword(input, output, 'ada@city.gov')
		type('viol\u0003')
		await expect(reading).rejects.toBeInstanceOf(PasswordInputError)
		await expect(reading).rejects.toMatchObject({ kind: 'interrupted' })
		expect(input.setRawMode).toHaveBeenLastCalledWith(false)
	})
})
