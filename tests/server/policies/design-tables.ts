import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The design the policy tables are read from: change it and the code together. */
export const ROLES_AND_PHASES = fileURLToPath(
	new URL('../../../docs/design/roles-and-phases.md', import.meta.url),
)

function cells(line: string): string[] {
	return line
		.trim()
		.replace(/^\|/, '')
		.replace(/\|$/, '')
		.split('|')
		.map((cell) => cell.trim())
}

/**
 * The Markdown table of `file` whose top-left cell is `corner`, as `table[row][column]`. It must
 * have exactly the given rows and columns (in any order), and every cell one of `values`; anything
 * else throws, naming the file and what is wrong, so a changed doc cannot silently drop a cell.
 */
export function readDesignTable<Row extends string, Column extends string, Value extends string>(
	file: string,
	corner: string,
	rows: readonly Row[],
	columns: readonly Column[],
	values: readonly Value[],
): Record<Row, Record<Column, Value>> {
	const where = `${file}, table "${corner}"`
	const lines = readFileSync(file, 'utf8').split('\n')
	const start = lines.findIndex((line) => line.trim().startsWith('|') && cells(line)[0] === corner)
	if (start < 0) throw new Error(`${where}: not found`)
	const header = cells(lines[start] as string).slice(1)
	const same = (a: readonly string[], b: readonly string[]) =>
		a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000')
	if (!same(header, columns)) {
		throw new Error(`${where}: columns are ${JSON.stringify(header)}, expected ${JSON.stringify(columns)}`)
	}
	const body: string[][] = []
	for (const line of lines.slice(start + 2)) {
		if (!line.trim().startsWith('|')) break
		body.push(cells(line))
	}
	const rowNames = body.map((row) => row[0] as string)
	if (!same(rowNames, rows)) {
		throw new Error(`${where}: rows are ${JSON.stringify(rowNames)}, expected ${JSON.stringify(rows)}`)
	}
	const table = {} as Record<Row, Record<Column, Value>>
	for (const row of body) {
		const [name, ...values_] = row as [Row, ...string[]]
		if (values_.length !== header.length)
			throw new Error(`${where}: row "${name}" has ${values_.length} cells`)
		const entry = {} as Record<Column, Value>
		header.forEach((column, index) => {
			const value = values_[index] as string
			if (!(values as readonly string[]).includes(value)) {
				throw new Error(
					`${where}: row "${name}", column "${column}" is "${value}", expected one of ${JSON.stringify(values)}`,
				)
			}
			entry[column as Column] = value as Value
		})
		table[name] = entry
	}
	return table
}
