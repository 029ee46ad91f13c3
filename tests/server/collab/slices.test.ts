import { expect, test } from 'vitest'
import { Slices } from '#server/collab/slices.server.ts'

test('a pass over 25 rooms in 10 slices hands each room out once, three at a time', () => {
	const rooms = Array.from({ length: 25 }, (_, i) => `room-${i}`)
	const slices = new Slices<string>(10)
	const handed: string[][] = []
	for (let tick = 0; tick < 9; tick++) handed.push(slices.take(() => rooms))
	expect(handed.flat()).toEqual(rooms)
	expect(Math.max(...handed.map((share) => share.length))).toBe(3)
})

test('the next pass starts from the rooms open at that moment', () => {
	let rooms = ['a', 'b']
	const slices = new Slices<string>(2)
	expect(slices.take(() => rooms)).toEqual(['a'])
	rooms = ['c']
	expect(slices.take(() => rooms)).toEqual(['b'])
	expect(slices.take(() => rooms)).toEqual(['c'])
})

test('with nothing open, a slice is empty', () => {
	expect(new Slices<string>(10).take(() => [])).toEqual([])
})
