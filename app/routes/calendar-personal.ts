// TODO(#4): the personal iCalendar subscription, by token.
export function loader() {
	throw new Response('Not Found', { status: 404 })
}
