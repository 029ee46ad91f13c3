import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'

type Person = { id: string; name: string; organization: string | null; color: string | null; self: boolean }

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

/**
 * The people in this section now, each once (one person may have several tabs open), you first.
 * Awareness states come from other browsers: only well-formed fields are shown, as text.
 */
function readPeople(awareness: Awareness, selfId: string): Person[] {
	const people = new Map<string, Person>()
	for (const state of awareness.getStates().values()) {
		const user = (state as { user?: unknown }).user
		if (!user || typeof user !== 'object') continue
		const { id, name, organization, color } = user as Record<string, unknown>
		if (typeof id !== 'string' || typeof name !== 'string' || people.has(id)) continue
		people.set(id, {
			id,
			name: name.slice(0, 200),
			organization: typeof organization === 'string' ? organization.slice(0, 200) : null,
			color: typeof color === 'string' && HEX_COLOR.test(color) ? color : null,
			self: id === selfId,
		})
	}
	return [...people.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
}

/** Names and organizations of everyone with this section open, live from the awareness states. */
export function PresenceList({
	awareness,
	selfId,
	online,
}: {
	awareness: Awareness
	selfId: string
	online: boolean
}) {
	const [people, setPeople] = useState(() => readPeople(awareness, selfId))
	useEffect(() => {
		const update = () => setPeople(readPeople(awareness, selfId))
		update()
		awareness.on('change', update)
		return () => awareness.off('change', update)
	}, [awareness, selfId])

	return (
		<section className="card editor-presence" aria-labelledby="presence-heading">
			<div className="card-header">
				<h2 id="presence-heading">In this section now</h2>
				<span className="count">{people.length}</span>
			</div>
			<ul className="list presence-list">
				{people.map((person) => (
					<li key={person.id} className="presence-row">
						<span
							className="presence-swatch"
							style={person.color ? { backgroundColor: person.color } : undefined}
							aria-hidden="true"
						/>
						<span>
							<span className="list-title">
								{person.name}
								{person.self ? <span className="muted"> (you)</span> : null}
							</span>
							{person.organization ? <span className="list-detail">{person.organization}</span> : null}
						</span>
					</li>
				))}
			</ul>
			{online ? null : <p className="card-hint">Others appear here again when you are back online.</p>}
		</section>
	)
}
