import { data, Form, Link, useNavigation } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import { getServices } from '#server/context.server.ts'
import { findUnsubscribe, unsubscribe } from '#server/notifications/unsubscribe.server.ts'
import type { Route } from './+types/unsubscribe'

// The link's token is its credential: no session is needed, and none is looked at. Mail programs
// post the one-click form (RFC 8058, body `List-Unsubscribe=One-Click`) here without our Origin,
// which is why server/http/csrf.server.ts lets POSTs to this address through.

export function loader({ params, context }: Route.LoaderArgs) {
	const { db } = getServices(context)
	const target = findUnsubscribe(db, params.token, params.kind)
	if (!target) return data({ label: null }, { status: 404 })
	return { label: target.label }
}

export function action({ params, context }: Route.ActionArgs) {
	const { db } = getServices(context)
	const target = db.transaction((tx) => unsubscribe(tx, params.token, params.kind))
	if (!target) return data({ done: false, label: null }, { status: 404 })
	return { done: true, label: target.label }
}

export const meta: Route.MetaFunction = () => [{ title: 'Email settings · Convene' }]

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
	const busy = useNavigation().state === 'submitting'
	const label = actionData?.label ?? loaderData.label
	let body: React.ReactNode
	if (label === null) {
		body = (
			<>
				<h1>This link is not valid</h1>
				<p>
					Check that it was copied completely. You can always choose which emails you get on your account
					page.
				</p>
				<p>
					<Link to="/account">Go to your account page</Link>
				</p>
			</>
		)
	} else if (actionData?.done) {
		body = (
			<>
				<h1>Emails turned off</h1>
				<p role="status">
					You will no longer get emails about: <strong>{label}</strong>. They still appear in your inbox in
					Convene. Change this on your account page.
				</p>
				<p>
					<Link to="/account">Go to your account page</Link>
				</p>
			</>
		)
	} else {
		body = (
			<>
				<h1>Stop emails about {label}?</h1>
				<p>
					You will still see these in your inbox in Convene. You can turn them back on from your account page.
				</p>
				<Form method="post" className="form">
					<div>
						<button type="submit" className="button" disabled={busy}>
							Stop these emails
						</button>
					</div>
				</Form>
			</>
		)
	}
	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow">
				<div className="card auth-card">{body}</div>
			</main>
		</>
	)
}
