import path from 'node:path'
import { expect, test } from 'vitest'
import { ConfigError, loadConfig } from '#server/config.server.ts'

test('with no variables set, Convene serves port 3000 from ./data with the demo', () => {
	const config = loadConfig({}, '/srv/convene')
	expect(config).toMatchObject({
		port: 3000,
		dataDir: '/srv/convene/data',
		databaseFile: path.join('/srv/convene/data', 'convene.db'),
		env: 'production',
		seed: 'demo',
		publicOrigin: undefined,
	})
})

test('every variable is read and an empty one counts as unset', () => {
	const config = loadConfig(
		{
			PORT: '8080',
			DATA_DIR: '/var/lib/convene',
			NODE_ENV: 'development',
			CONVENE_SEED: 'none',
			PUBLIC_ORIGIN: 'https://convene.example.org',
			LOG_LEVEL: '',
		},
		'/srv',
	)
	expect(config).toMatchObject({
		port: 8080,
		dataDir: '/var/lib/convene',
		env: 'development',
		seed: 'none',
		publicOrigin: 'https://convene.example.org',
		logLevel: 'info',
	})
})

test('a bad port is refused with the variable, the rule and the value given', () => {
	expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
	expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
		/PORT must be a whole number between 1 and 65535 \(got "eighty"\)/,
	)
	expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/)
	expect(() => loadConfig({ PORT: '80.5' })).toThrow(/PORT/)
})

test('every bad value is reported at once, so one restart fixes them all', () => {
	const attempt = () => loadConfig({ PORT: '-1', CONVENE_SEED: 'yes', NODE_ENV: 'staging' })
	expect(attempt).toThrow(/PORT/)
	expect(attempt).toThrow(/CONVENE_SEED must be demo or none \(got "yes"\)/)
	expect(attempt).toThrow(/NODE_ENV must be development, production or test/)
})

test('a public origin must be a bare http(s) origin', () => {
	for (const bad of [
		'convene.example.org',
		'https://convene.example.org/',
		'https://x.org/app',
		'ftp://x.org',
	]) {
		expect(() => loadConfig({ PUBLIC_ORIGIN: bad }), bad).toThrow(/PUBLIC_ORIGIN must be an origin/)
	}
	expect(loadConfig({ PUBLIC_ORIGIN: 'http://localhost:3000' }).publicOrigin).toBe('http://localhost:3000')
})

test('mail: SMTP_URL must be an smtp(s) URL, is never echoed back, and MAIL_FROM must be one address', () => {
	const defaults = loadConfig({})
	expect(defaults.smtpUrl).toBeUndefined()
	expect(defaults.mailFrom).toBe('Convene <convene@localhost>')
	const set = loadConfig({
		SMTP_URL: 'smtps://convene:s3cret@mail.example.org:465',
		MAIL_FROM: 'Task force <taskforce@example.org>',
	})
	expect(set.smtpUrl).toBe('smtps://convene:s3cret@mail.example.org:465')
	expect(set.mailFrom).toBe('Task force <taskforce@example.org>')
	expect(loadConfig({ MAIL_FROM: 'convene@example.org' }).mailFrom).toBe('convene@example.org')

	for (const bad of ['mail.example.org', 'http://mail.example.org', 'smtp://', 'smtps://:pw@']) {
		expect(() => loadConfig({ SMTP_URL: bad }), bad).toThrow(/SMTP_URL must be a mail server URL/)
	}
	// The refused URL may hold a password: the message names the variable, never the value.
	let message = ''
	try {
		loadConfig({ SMTP_URL: 'http://convene:hunter2@mail.example.org' })
	} catch (error) {
		message = (error as Error).message
	}
	expect(message).toContain('(got a value that is not shown)')
	expect(message).not.toContain('hunter2')

	for (const bad of [
		'Convene',
		'a@b.org, c@d.org',
		'Convene <a@b.org>\r\nBcc: victim@example.org',
		'Convene <a@b.org> <c@d.org>',
		'<a@b.org>',
	]) {
		expect(() => loadConfig({ MAIL_FROM: bad }), JSON.stringify(bad)).toThrow(/MAIL_FROM must be an address/)
	}
})
