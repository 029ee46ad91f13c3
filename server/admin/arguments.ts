/** The options one admin command accepts: `--name value` strings and bare `--flag` booleans. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; required?: boolean }>

export type ParsedOptions = Record<string, string | boolean | undefined>

/**
 * Reads `--option value`, `--option=value` and `--flag` against `spec`. Messages never repeat a
 * value from the command line: a misplaced argument may be a password typed where it must not be,
 * and an error message is the last place it should be copied to.
 */
export function parseOptions(
	command: string,
	args: readonly string[],
	spec: OptionSpec,
): { ok: true; values: ParsedOptions } | { ok: false; message: string } {
	const values: ParsedOptions = {}
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] as string
		if (!arg.startsWith('--') || arg === '--') {
			return {
				ok: false,
				message: `Unexpected argument at position ${i + 1}: every value follows its option, and a value with spaces needs quotes (--name "Ada Lovelace").`,
			}
		}
		const equals = arg.indexOf('=')
		const name = arg.slice(2, equals === -1 ? undefined : equals)
		if (/^pass(word|wd)?$/.test(name)) {
			return {
				ok: false,
				message:
					'Passwords are never taken from the command line (shell history and process lists keep them); pipe it on standard input or type it at the prompt.',
			}
		}
		const option = spec[name]
		if (!option) return { ok: false, message: `${command} has no option --${name}.` }
		if (values[name] !== undefined) return { ok: false, message: `--${name} is given twice.` }
		if (option.type === 'boolean') {
			if (equals !== -1) return { ok: false, message: `--${name} takes no value.` }
			values[name] = true
			continue
		}
		let value: string | undefined
		if (equals !== -1) value = arg.slice(equals + 1)
		else if (i + 1 < args.length && !(args[i + 1] as string).startsWith('--')) value = args[++i]
		if (value === undefined || value.trim() === '') return { ok: false, message: `--${name} needs a value.` }
		values[name] = value
	}
	const missing = Object.keys(spec).filter((name) => spec[name]?.required && values[name] === undefined)
	if (missing.length > 0) {
		return { ok: false, message: `${command} needs ${missing.map((name) => `--${name}`).join(' and ')}.` }
	}
	return { ok: true, values }
}

/** `publicationDate` → `--publication-date`, to name a field the way the command line spells it. */
export function optionName(field: string): string {
	return `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`
}
