import { data, Form } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import type { Route } from './+types/login'

export const meta: Route.MetaFunction = () => [{ title: 'Sign in · Convene' }]

// TODO(#3): check the password, create the session, set the convene_session cookie.
export function action() {
	return data(
		{ error: 'Signing in is not available yet on this instance. Please try again later.' },
		{ status: 503 },
	)
}

export default function Login({ actionData }: Route.ComponentProps) {
	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow">
				<div className="card auth-card">
					<h1>Sign in</h1>
					<p className="lede">Use the email address your task force invited.</p>
					<Form method="post" className="form" noValidate>
						{actionData?.error ? (
							<p className="form-error" role="alert">
								{actionData.error}
							</p>
						) : null}
						<div className="field">
							<label htmlFor="email">Email</label>
							<input id="email" name="email" type="email" autoComplete="username" required />
						</div>
						<div className="field">
							<label htmlFor="password">Password</label>
							<input id="password" name="password" type="password" autoComplete="current-password" required />
						</div>
						<button type="submit" className="button">
							Sign in
						</button>
					</Form>
				</div>
			</main>
		</>
	)
}
