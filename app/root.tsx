import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration } from 'react-router'
import { useNonce } from '#app/components/nonce.tsx'
import { RouteFocus } from '#app/components/route-focus.tsx'
import { sessionMiddleware } from '#server/auth/session-middleware.server.ts'
import { getViewer } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import { unreadCount } from '#server/notifications/inbox.server.ts'
import type { Route } from './+types/root'
import stylesheet from './styles/app.css?url'

export const links: Route.LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

/** Validates the session once per request; loaders read the person from context. */
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware]

export function loader({ context }: Route.LoaderArgs) {
	const viewer = getViewer(context)
	if (!viewer) return { viewer: null }
	// The header's inbox count, on every page: one COUNT over the notifications' user index.
	const unread = unreadCount(getServices(context).db, viewer.id)
	return { viewer: { name: viewer.name, isAdmin: viewer.isAdmin, unread } }
}

/**
 * The first Intl formatter a page makes starts the browser's ICU (~33 ms here, ~130 ms on the
 * bench's 4× throttled phone), and our scripts' first one ran in the task that evaluates them,
 * after the first paint, where it blocked input. Made here, while the page still waits for its
 * stylesheet and scripts, the same start-up uses time the main thread would spend idle.
 */
const START_INTL = "try{new Intl.DateTimeFormat('en-US',{timeZone:'UTC'}).format(0)}catch(e){}"

export function Layout({ children }: { children: React.ReactNode }) {
	const nonce = useNonce()
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links nonce={nonce} />
				{/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, no input. */}
				<script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: START_INTL }} />
			</head>
			<body>
				<a className="skip-link" href="#main">
					Skip to main content
				</a>
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return (
		<>
			<RouteFocus />
			<Outlet />
		</>
	)
}

/** What a person sees when something fails: what happened and where to go, never a stack trace. */
const REFUSAL_TITLES: Record<number, string> = {
	413: 'This form is too large to send',
	415: 'This kind of form is not accepted',
	429: 'Please wait a moment',
	503: 'Please wait a moment',
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
	let title = 'Something went wrong'
	let message =
		'Convene could not show this page. Nothing you saved has been lost. Please try again in a moment.'
	if (isRouteErrorResponse(error)) {
		if (error.status === 404) {
			title = 'Page not found'
			message = 'There is no page at this address, or you do not have access to it.'
		} else if (error.status === 403) {
			title = 'Not allowed'
			message = 'Your role in this task force does not include this action.'
		} else if (error.status in REFUSAL_TITLES && typeof error.data === 'string' && error.data) {
			// A refusal whose text says what to change or when to try again (a form too large, a page
			// asked for too often): server/http/request-body.server.ts, the version compare page.
			title = REFUSAL_TITLES[error.status] as string
			message = error.data
		} else {
			title = `${error.status} ${error.statusText}`
		}
	}
	return (
		<main id="main" className="error-page">
			<title>{`${title} · Convene`}</title>
			<h1>{title}</h1>
			<p>{message}</p>
			<p>
				<Link to="/">Go to your task forces</Link>
			</p>
		</main>
	)
}
