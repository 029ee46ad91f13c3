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
