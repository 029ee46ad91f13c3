import { requireTaskForceAccess } from '#server/auth/task-force-access.server.ts'
import type { Route } from './+types/assignment'

// TODO(#4): this page is being built; until then it answers 404 to members.
export function loader({ request, params, context }: Route.LoaderArgs) {
	requireTaskForceAccess(context, request, params.slug)
	throw new Response('Not Found', { status: 404 })
}

export default function Placeholder() {
	return null
}
