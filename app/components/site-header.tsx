import { Form, Link, useRouteLoaderData } from 'react-router'
import { InboxLink } from '#app/components/inbox-count.tsx'
import type { loader as rootLoader } from '#app/root.tsx'

/**
 * The bar across the top of every page: the product mark, whatever the page adds (the task-force
 * switcher), and the signed-in person with their inbox and its unread count, their account and
 * sign-out — or a sign-in link.
 */
export function SiteHeader({ children }: { children?: React.ReactNode }) {
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const viewer = root?.viewer
	return (
		<header className="site-header">
			<Link to="/" className="brand">
				<img src="/favicon.svg" alt="" width="28" height="28" />
				<span>Convene</span>
			</Link>
			<div className="site-header-tools">
				{children}
				{viewer ? (
					<>
						{viewer.isAdmin ? (
							<Link to="/admin" className="header-link">
								Admin
							</Link>
						) : null}
						<InboxLink root={viewer} unread={viewer.unread} />
						<Link to="/account" className="header-link" aria-label={`Your account: ${viewer.name}`}>
							{viewer.name}
						</Link>
						<Form method="post" action="/logout">
							<button type="submit" className="button button-quiet">
								Sign out
							</button>
						</Form>
					</>
				) : (
					<Link to="/login" className="button button-quiet">
						Sign in
					</Link>
				)}
			</div>
		</header>
	)
}
