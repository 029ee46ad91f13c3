import { Link } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import type { Route } from './+types/not-found'

export function loader() {
	throw new Response('Not Found', { status: 404, statusText: 'Not Found' })
}

export const meta: Route.MetaFunction = () => [{ title: 'Page not found · Convene' }]

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow error-page">
				<h1>Page not found</h1>
				<p>There is no page at this address, or you do not have access to it.</p>
				<p>
					<Link to="/">Go to your task forces</Link>
				</p>
			</main>
		</>
	)
}
