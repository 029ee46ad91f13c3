import { expect, test } from 'vitest'
import { addDays, daysBetween, isIsoDate, todayIn } from '#shared/dates.ts'

test('date arithmetic crosses month, year and daylight-saving boundaries by whole days', () => {
	expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
	expect(addDays('2027-03-13', 1)).toBe('2027-03-14')
	expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
	expect(daysBetween('2026-11-01', '2026-11-08')).toBe(7)
	expect(daysBetween('2026-11-08', '2026-11-01')).toBe(-7)
})

test("today is the task force's own calendar day, not the server's", () => {
	const lateEveningInChicago = new Date('2026-11-29T03:30:00Z')
	expect(todayIn('America/Chicago', lateEveningInChicago)).toBe('2026-11-28')
	expect(todayIn('UTC', lateEveningInChicago)).toBe('2026-11-29')
})

test('only real calendar dates are ISO dates', () => {
	expect(isIsoDate('2027-04-27')).toBe(true)
	expect(isIsoDate('2027-02-30')).toBe(false)
	expect(isIsoDate('27-04-2027')).toBe(false)
})

test('a date no calendar has is not an ISO date, and asking never throws', () => {
	for (const impossible of ['2027-13-45', '2027-01-32', '0000-00-00', '2027-00-10', '0000-01-01']) {
		expect(isIsoDate(impossible), impossible).toBe(false)
	}
})
