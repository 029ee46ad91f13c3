import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useSearchParams } from 'react-router'
import { Field, FormError } from '#app/components/forms.tsx'
import { SiteHeader } from '#app/components/site-header.tsx'
import { sessionCookie } from '#server/auth/cookie.server.ts'
import { isSecureRequest } from '#server/auth/session-middleware.server.ts'
import { safeRedirect, signIn } from '#server/auth/sign-in.server.ts'
import { getViewer } from '#server/auth/viewer.server.ts'
import { getServices, requestInfoContext } from '#server/context.server.ts'
import { LoginSchema } from '#shared/validation/auth.ts'
import type { Route } from './+types/login'

export function loader({ request, context }: Route.LoaderArgs) {
	// Someone already signed in has nothing to do here.
	if (getViewer(context)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
	return null
}

export async function action({ request, context }: Route.ActionArgs) {
	const services = getServices(context)
	const submission = parseWithZod(await request.formData(), { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const outcome = await signIn(services, {
		email: submission.value.email,
		password: submission.value.password,
		ip: context.get(requestInfoContext).clientIp,
	})
	if (!outcome.ok) {
		return data(
			{ result: submission.reply({ formErrors: [outcome.message], hideFields: ['password'] }) },
			{
				status: outcome.status,
				headers: outcome.status === 429 ? { 'Retry-After': String(outcome.retryAfterSeconds) } : undefined,
			},
		)
	}
	const secure = isSecureRequest(request, services.config.publicOrigin)
	return redirect(safeRedirect(submission.value.redirectTo), {
		status: 303,
		headers: { 'Set-Cookie': sessionCookie(outcome.token, outcome.session.expiresAt, secure) },
	})
}

/** Carries the action's Retry-After onto the page it renders (React Router drops route headers otherwise). */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => {
	const retryAfter = actionHeaders.get('Retry-After')
	return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export const meta: Route.MetaFunction = () => [{ title: 'Sign in · Convene' }]

export default function Login({ actionData }: Route.ComponentProps) {
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: { email: { required: true }, password: { required: true } },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow">
				<div className="card auth-card">
					<h1>Sign in</h1>
					<p className="lede">Use the email address your task force invited.</p>
					<Form method="post" className="form" {...getFormProps(form)}>
						<FormError id={form.errorId} errors={form.errors} />
						<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
						<Field meta={fields.email} label="Email" type="email" autoComplete="username" />
						<Field meta={fields.password} label="Password" type="password" autoComplete="current-password" />
						<button type="submit" className="button">
							Sign in
						</button>
					</Form>
				</div>
			</main>
		</>
	)
}
