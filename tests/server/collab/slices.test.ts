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

test('a pass spans all its slices however few rooms are open: each comes round once a period', () => {
	const slices = new Slices<string>(10)
	const handed = Array.from({ length: 30 }, () => slices.take(() => ['only']))
	expect(handed.flat()).toEqual(['only', 'only', 'only'])
	expect(handed.map((share) => share.length)).toEqual(
		Array.from({ length: 30 }, (_, tick) => (tick % 10 === 0 ? 1 : 0)),
	)
})

test('with nothing open, a slice is empty', () => {
	expect(new Slices<string>(10).take(() => [])).toEqual([])
})
