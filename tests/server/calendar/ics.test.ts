import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import {
	escapeText,
	foldLine,
	formatIcsDate,
	type IcsCalendar,
	type IcsEvent,
	serializeCalendar,
} from '#server/calendar/ics.server.ts'

const STAMP = new Date('2026-11-28T15:04:05.678Z')
const octets = (line: string) => new TextEncoder().encode(line).length

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
	return {
		uid: 'milestone-abc@convene',
		summary: 'First drafts due',
		startsOn: '2027-01-21',
		sequence: 0,
		...overrides,
	}
}

function calendar(events: IcsEvent[], overrides: Partial<IcsCalendar> = {}): string {
	return serializeCalendar({ name: 'Generative AI in Local Government', stamp: STAMP, events, ...overrides })
}

/** The events as Mozilla's iCalendar parser reads them. */
function parse(text: string) {
	const root = new ICAL.Component(ICAL.parse(text))
	return { root, events: root.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) }
}

describe('escaping text values', () => {
	test('backslash, semicolon, comma and line breaks are escaped, backslash first', () => {
		expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne')
	})

	test('CRLF and lone CR both become one \\n', () => {
		expect(escapeText('one\r\ntwo\rthree')).toBe('one\\ntwo\\nthree')
	})

	test('control characters other than tab are dropped, since TEXT may not hold them', () => {
		expect(escapeText('bell\u0007 and\ttab')).toBe('bell and\ttab')
	})

	test('a real parser reads the escaped text back exactly', () => {
		const summary = 'Budget; scope, and C:\\path\nnext line'
		const { events } = parse(calendar([event({ summary })]))
		expect(events[0]?.summary).toBe(summary)
	})
})

describe('folding long lines', () => {
	test('a line of 75 octets stays whole; one more octet folds', () => {
		expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75))
		expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`)
	})

	test('continuation lines carry at most 74 octets after their leading space', () => {
		const pieces = foldLine('y'.repeat(300)).split('\r\n')
		expect(pieces.map(octets)).toEqual([75, 75, 75, 75, 4])
		expect(pieces.slice(1).every((piece) => piece.startsWith(' '))).toBe(true)
	})

	test('multi-byte characters are never split between lines', () => {
		// 2-, 3- and 4-byte characters, so the 75-octet boundary falls inside some of them.
		const text = `SUMMARY:${'é東🗓'.repeat(40)}`
		const pieces = foldLine(text).split('\r\n')
		expect(pieces.length).toBeGreaterThan(5)
		for (const piece of pieces) {
			expect(octets(piece)).toBeLessThanOrEqual(75)
			// A split character would decode to U+FFFD.
			expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(piece))).toBe(piece)
		}
		expect(pieces.map((piece, index) => (index === 0 ? piece : piece.slice(1))).join('')).toBe(text)
	})

	test('a folded multi-byte summary parses back to the same text', () => {
		const summary = `Révision éditoriale — 東京都 🗓 ${'Überprüfung '.repeat(12)}`
		const text = calendar([event({ summary })])
		expect(text.split('\r\n').every((line) => octets(line) <= 75)).toBe(true)
		expect(parse(text).events[0]?.summary).toBe(summary)
	})
})

describe('the calendar', () => {
	test('every line ends in CRLF, the last one included, with no bare LF anywhere', () => {
		const text = calendar([event({ description: 'line one\nline two' })])
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
		expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
	})

	test('it names itself and its product, and publishes in the Gregorian calendar', () => {
		const text = calendar([])
		expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convene//')).toBe(true)
		for (const line of [
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
			'X-WR-CALNAME:Generative AI in Local Government',
		]) {
			expect(text.split('\r\n')).toContain(line)
		}
		const { root } = parse(text)
		expect(root.getFirstPropertyValue('version')).toBe('2.0')
		expect(root.getFirstPropertyValue('method')).toBe('PUBLISH')
	})

	test('an all-day event is a DATE from its first day to the day after its last', () => {
		const text = calendar([event({ startsOn: '2027-01-28', endsOn: '2027-04-14' })])
		expect(text).toContain('\r\nDTSTART;VALUE=DATE:20270128\r\n')
		expect(text).toContain('\r\nDTEND;VALUE=DATE:20270415\r\n')
		const [parsed] = parse(text).events
		expect(parsed?.startDate.isDate).toBe(true)
		expect(parsed?.startDate.toString()).toBe('2027-01-28')
		expect(parsed?.endDate.toString()).toBe('2027-04-15')
	})

	test('a one-day event ends the next day, across a month and a year end', () => {
		const text = calendar([event({ startsOn: '2026-12-31' })])
		expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n')
	})

	test('DTSTAMP is the moment of the feed in UTC; UID and SEQUENCE are the item’s own', () => {
		const text = calendar([event({ uid: 'phase-p1@convene', sequence: 7 })])
		expect(text).toContain('\r\nDTSTAMP:20261128T150405Z\r\n')
		const [parsed] = parse(text).events
		expect(parsed?.uid).toBe('phase-p1@convene')
		expect(parsed?.sequence).toBe(7)
		expect(parsed?.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-28T15:04:05Z')
	})

	test('the same items give the same UIDs whenever the feed is made', () => {
		const uids = (stamp: Date) =>
			calendar([event({ uid: 'a@convene' }), event({ uid: 'b@convene' })], { stamp })
				.split('\r\n')
				.filter((line) => line.startsWith('UID:'))
		expect(uids(STAMP)).toEqual(uids(new Date('2027-03-01T00:00:00Z')))
		expect(uids(STAMP)).toEqual(['UID:a@convene', 'UID:b@convene'])
	})

	test('deadlines do not block time: events are transparent', () => {
		expect(calendar([event()])).toContain('\r\nTRANSP:TRANSPARENT\r\n')
	})

	test('a date that is not YYYY-MM-DD is refused rather than written', () => {
		expect(() => formatIcsDate('2027-1-5')).toThrow()
	})
})
