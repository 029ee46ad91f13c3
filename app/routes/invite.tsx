import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, redirect } from 'react-router'
import { Field, FormError } from '#app/components/forms.tsx'
import { OrganizationFields } from '#app/components/organization-fields.tsx'
import { SiteHeader } from '#app/components/site-header.tsx'
import { listOrganizations, resolveOrganization } from '#server/accounts/organizations.server.ts'
import { sessionCookie } from '#server/auth/cookie.server.ts'
import { hashPassword, passwordProblem } from '#server/auth/password.server.ts'
import { createSession, generateSessionToken } from '#server/auth/session.server.ts'
import { isSecureRequest } from '#server/auth/session-middleware.server.ts'
import { getViewer } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import { acceptInvitation, getInvitation } from '#server/invitations/invitations.server.ts'
import { ROLE_LABELS } from '#shared/labels.ts'
import { AcceptInvitationSchema } from '#shared/validation/auth.ts'
import type { Route } from './+types/invite'

export function loader({ params, context }: Route.LoaderArgs) {
	const { db, now } = getServices(context)
	const invitation = getInvitation(db, params.token, now().getTime())
	const viewer = getViewer(context)
	if (invitation.state !== 'valid')
		return data({ invitation, viewer: null, organizations: [] }, { status: 410 })
	return {
		invitation,
		viewer: viewer ? { email: viewer.email } : null,
		organizations: invitation.hasAccount ? [] : listOrganizations(db),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const services = getServices(context)
	const { db, config } = services
	const now = services.now().getTime()
	const invitation = getInvitation(db, params.token, now)
	if (invitation.state !== 'valid')
		return data({ result: undefined, message: 'This invitation is no longer valid.' }, { status: 410 })

	const viewer = getViewer(context)
	if (viewer) {
		if (viewer.email !== invitation.email) {
			return data(
				{ result: undefined, message: `This invitation is for ${invitation.email}.` },
				{ status: 403 },
			)
		}
		const outcome = acceptInvitation(db, params.token, { existingUserId: viewer.id }, now)
		if (!outcome.ok) return data({ result: undefined, message: outcome.message }, { status: 410 })
		return redirect(href('/t/:slug', { slug: outcome.slug }), 303)
	}
	if (invitation.hasAccount) {
		return data({ result: undefined, message: 'Sign in first, then open the link again.' }, { status: 400 })
	}

	const submission = parseWithZod(await request.formData(), { schema: AcceptInvitationSchema })
	const hidden = ['password', 'confirmPassword']
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: hidden }), message: null }, { status: 400 })
	}
	const problem = passwordProblem(submission.value.password, invitation.email)
	if (problem) {
		return data(
			{
				result: submission.reply({ fieldErrors: { password: [problem] }, hideFields: hidden }),
				message: null,
			},
			{ status: 400 },
		)
	}
	const organization = resolveOrganization(db, submission.value)
	if ('error' in organization) {
		return data(
			{
				result: submission.reply({
					fieldErrors: { organizationId: [organization.error] },
					hideFields: hidden,
				}),
				message: null,
			},
			{ status: 400 },
		)
	}
	const passwordHash = await hashPassword(submission.value.password)
	const outcome = acceptInvitation(
		db,
		params.token,
		{
			name: submission.value.name,
			title: submission.value.title,
			organizationId: organization.id,
			passwordHash,
		},
		now,
	)
	if (!outcome.ok)
		return data(
			{ result: submission.reply({ formErrors: [outcome.message], hideFields: hidden }), message: null },
			{ status: 410 },
		)
	const token = generateSessionToken()
	const session = createSession(db, token, outcome.userId, now)
	return redirect(href('/t/:slug', { slug: outcome.slug }), {
		status: 303,
		headers: {
			'Set-Cookie': sessionCookie(token, session.expiresAt, isSecureRequest(request, config.publicOrigin)),
		},
	})
}

export const meta: Route.MetaFunction = () => [{ title: 'Invitation · Convene' }]

export default function Invite({ loaderData, actionData, params }: Route.ComponentProps) {
	const { invitation, viewer, organizations } = loaderData
	const [form, fields] = useForm({
		id: 'accept',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
		shouldRevalidate: 'onBlur',
	})

	let body: React.ReactNode
	if (invitation.state !== 'valid') {
		body = (
			<>
				<h1>This invitation cannot be used</h1>
				<p>
					{invitation.state === 'used'
						? 'It has already been accepted. If that was you, sign in.'
						: invitation.state === 'expired'
							? 'It has expired: invitations are valid for seven days.'
							: 'The link is not valid. Check that it was copied completely.'}{' '}
					A co-chair of the task force can send you a new one.
				</p>
				<p>
					<Link to="/login">Go to sign in</Link>
				</p>
			</>
		)
	} else {
		const intro = (
			<>
				<h1>Join {invitation.taskForce.name}</h1>
				<p className="lede">
					You are invited as <strong>{ROLE_LABELS[invitation.role].toLowerCase()}</strong> with the email
					address <strong>{invitation.email}</strong>.
				</p>
				{actionData?.message ? (
					<p className="form-error" role="alert">
						{actionData.message}
					</p>
				) : null}
			</>
		)
		if (viewer && viewer.email === invitation.email) {
			body = (
				<>
					{intro}
					<Form method="post" className="form">
						<button type="submit" className="button">
							Join the task force
						</button>
					</Form>
				</>
			)
		} else if (viewer) {
			body = (
				<>
					{intro}
					<p>
						You are signed in as {viewer.email}. Sign out, then open the link again to accept it as{' '}
						{invitation.email}.
					</p>
				</>
			)
		} else if (invitation.hasAccount) {
			body = (
				<>
					{intro}
					<p>You already have a Convene account. Sign in to accept.</p>
					<Link
						className="button"
						to={`${href('/login')}?${new URLSearchParams({ redirectTo: href('/invite/:token', { token: params.token }) })}`}
					>
						Sign in to accept
					</Link>
				</>
			)
		} else {
			body = (
				<>
					{intro}
					<p>Create your account to accept. Other members will see your name, title and organization.</p>
					<Form method="post" className="form" {...getFormProps(form)}>
						<FormError id={form.errorId} errors={form.errors} />
						<Field meta={fields.name} label="Your name" autoComplete="name" />
						<Field meta={fields.title} label="Title (optional)" autoComplete="organization-title" />
						<OrganizationFields
							organizations={organizations}
							organizationId={fields.organizationId}
							newOrganizationName={fields.newOrganizationName}
							newOrganizationSector={fields.newOrganizationSector}
						/>
						<Field
							meta={fields.password}
							label="Choose a password"
							type="password"
							autoComplete="new-password"
							hint="At least 12 characters. A few unrelated words make a strong one."
						/>
						<Field
							meta={fields.confirmPassword}
							label="Password again"
							type="password"
							autoComplete="new-password"
						/>
						<div>
							<button type="submit" className="button">
								Create account and join
							</button>
						</div>
					</Form>
				</>
			)
		}
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
