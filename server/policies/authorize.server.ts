import { forbidden } from '../http/responses.server.ts'

/**
 * Throws 403 unless a policy allowed the action. Every mutating operation calls it inside its own
 * transaction with the standing it just read (`standingIn`), so no caller — a route, a socket, the
 * admin CLI, a background job — can skip the decision or make it with stale facts.
 */
export function authorize(allowed: boolean, message?: string): void {
	if (!allowed) throw forbidden(message)
}
