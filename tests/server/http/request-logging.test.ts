import { expect, test } from 'vitest'
import { redactUrl } from '#server/http/request-logging.server.ts'

test('invitation and calendar tokens never reach the log', () => {
	expect(redactUrl('/invite/abc123secret')).toBe('/invite/[redacted]')
	expect(redactUrl('/calendar/tok3n.ics')).toBe('/calendar/[redacted]')
	expect(redactUrl('/t/genai/members')).toBe('/t/genai/members')
})

test('query strings are dropped from logged paths', () => {
	expect(redactUrl('/login?redirectTo=%2Ft%2Fgenai')).toBe('/login?…')
})
