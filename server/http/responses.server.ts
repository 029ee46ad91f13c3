/**
 * The refusals loaders, actions and operations throw: React Router answers a thrown `Response` as
 * it is (the error boundary shows it), whoever called the operation.
 */
export function notFound(): Response {
	return new Response('Not Found', { status: 404, statusText: 'Not Found' })
}

export function forbidden(message = 'Your role does not include this action.'): Response {
	return new Response(message, { status: 403, statusText: 'Forbidden' })
}
