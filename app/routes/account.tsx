import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useNavigation } from 'react-router'
import { CalendarSubscription } from '#app/components/calendar-subscription.tsx'
import { Field, FormError } from '#app/components/forms.tsx'
import { NotificationSettingsCard } from '#app/components/notification-settings-card.tsx'
import { OrganizationFields } from '#app/components/organization-fields.tsx'
import { SiteHeader } from '#app/components/site-header.tsx'
import {
	changePassword,
	getAccount,
	setCreditChoice,
	signOutOtherSessions,
	updateProfile,
} from '#server/accounts/account.server.ts'
import { listOrganizations, resolveOrganization } from '#server/accounts/organizations.server.ts'
import { requireViewer } from '#server/auth/viewer.server.ts'
import {
	calendarFeedUrl,
	createCalendarFeed,
	getCalendarFeedStatus,
	revokeCalendarFeed,
} from '#server/calendar/subscriptions.server.ts'
import { getServices } from '#server/context.server.ts'
import { getNotificationSettings, saveNotificationSettings } from '#server/notifications/settings.server.ts'
import { CREDIT_CHOICES } from '#shared/domain.ts'
import { PasswordChangeSchema, ProfileSchema } from '#shared/validation/auth.ts'
import { notificationSettingsSchema, TIME_ZONES } from '#shared/validation/notifications.ts'
import { creditChoiceSchema } from '#shared/validation/publication.ts'
import type { Route } from './+types/account'

export function loader({ request, context }: Route.LoaderArgs) {
	const viewer = requireViewer(context, request)
	const { db } = getServices(context)
	const account = getAccount(db, viewer.id)
	if (!account) throw new Response('Not Found', { status: 404 })
	const notifications = getNotificationSettings(db, viewer.id)
	if (!notifications) throw new Response('Not Found', { status: 404 })
	return {
		account,
		organizations: listOrganizations(db),
		calendarFeed: getCalendarFeedStatus(db, viewer.id),
		notifications,
		// From the server's Intl, so the page and the check of the form agree on the list.
		timeZones: TIME_ZONES,
	}
}

export async function action({ request, context }: Route.ActionArgs) {
	const viewer = requireViewer(context, request)
	const { db, collab } = getServices(context)
	const formData = await request.formData()
	const intent = formData.get('intent')

	if (intent === 'profile') {
		const submission = parseWithZod(formData, { schema: ProfileSchema })
		if (submission.status !== 'success')
			return data({ intent, result: submission.reply(), notice: null }, { status: 400 })
		const organization = resolveOrganization(db, submission.value)
		if ('error' in organization) {
			return data(
				{
					intent,
					result: submission.reply({ fieldErrors: { organizationId: [organization.error] } }),
					notice: null,
				},
				{ status: 400 },
			)
		}
		updateProfile(db, viewer.id, { ...submission.value, organizationId: organization.id })
		return { intent, result: submission.reply({ resetForm: false }), notice: 'Your profile is saved.' }
	}

	if (intent === 'password') {
		const submission = parseWithZod(formData, { schema: PasswordChangeSchema })
		const hidden = ['currentPassword', 'newPassword', 'confirmPassword']
		if (submission.status !== 'success') {
			return data({ intent, result: submission.reply({ hideFields: hidden }), notice: null }, { status: 400 })
		}
		const outcome = await changePassword(db, viewer, submission.value, collab)
		if (!outcome.ok) {
			return data(
				{
					intent,
					result: submission.reply({
						fieldErrors: { [outcome.field]: [outcome.message] },
						hideFields: hidden,
					}),
					notice: null,
				},
				{ status: 400 },
			)
		}
		return {
			intent,
			result: submission.reply({ resetForm: true }),
			notice: 'Your password is changed. Every other session has been signed out.',
		}
	}

	if (intent === 'calendar-create') {
		const { config, now } = getServices(context)
		const token = createCalendarFeed(db, viewer.id, now().getTime())
		const url = calendarFeedUrl(config.publicOrigin ?? new URL(request.url).origin, token)
		return { intent, result: undefined, notice: null, calendar: { message: 'Your new link is ready.', url } }
	}

	if (intent === 'calendar-revoke') {
		const { now } = getServices(context)
		const revoked = revokeCalendarFeed(db, viewer.id, now().getTime())
		const message = revoked ? 'The subscription link no longer works.' : 'There was no link to revoke.'
		return { intent, result: undefined, notice: null, calendar: { message, url: null } }
	}

	if (intent === 'credit') {
		const parsed = creditChoiceSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success) return data({ intent, result: undefined, notice: null }, { status: 400 })
		setCreditChoice(db, viewer.id, parsed.data.creditAs)
		return { intent, result: undefined, notice: 'Saved: editions published from now on credit you this way.' }
	}
	if (intent === 'notifications') {
		const parsed = notificationSettingsSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success)
			return data(
				{ intent, result: undefined, notice: 'Choose one of the offered options for each setting.' },
				{ status: 400 },
			)
		saveNotificationSettings(db, viewer.id, parsed.data)
		return { intent, result: undefined, notice: 'Saved: your notification emails follow these choices.' }
	}
	if (intent === 'sign-out-others') {
		signOutOtherSessions(db, viewer, collab)
		return { intent, result: undefined, notice: 'Every other session has been signed out.' }
	}
	throw new Response('Unknown action', { status: 400 })
}

const CREDIT_LABELS: Record<(typeof CREDIT_CHOICES)[number], string> = {
	name_and_organization: 'With my name and organization',
	name_only: 'With my name only, without my organization',
	not_listed: 'Not at all',
}

/** The hours a daily digest can go out at, "0" to "23", shown as "08:00". */
export const meta: Route.MetaFunction = () => [{ title: 'Your account · Convene' }]

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
	const { account, organizations, calendarFeed, notifications, timeZones } = loaderData
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)

	const [profileForm, profile] = useForm({
		id: 'profile',
		lastResult: resultFor('profile'),
		defaultValue: {
			name: account.name,
			title: account.title ?? '',
			organizationId: account.organizationId ?? '',
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
		shouldRevalidate: 'onBlur',
	})
	const [passwordForm, password] = useForm({
		id: 'password',
		lastResult: resultFor('password'),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
		shouldRevalidate: 'onBlur',
	})

	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow">
				<header className="page-header">
					<h1>Your account</h1>
					<p className="lede">Signed in as {account.email}</p>
				</header>
				{actionData?.notice ? (
					<p className="notice" role="status">
						{actionData.notice}
					</p>
				) : null}

				<section className="card" aria-labelledby="profile-heading">
					<h2 id="profile-heading">Profile</h2>
					<p className="card-hint">Other members see your name, title and organization on rosters.</p>
					<Form method="post" className="form" {...getFormProps(profileForm)}>
						<input type="hidden" name="intent" value="profile" />
						<FormError id={profileForm.errorId} errors={profileForm.errors} />
						<Field meta={profile.name} label="Name" autoComplete="name" />
						<Field meta={profile.title} label="Title (optional)" autoComplete="organization-title" />
						<OrganizationFields
							organizations={organizations}
							organizationId={profile.organizationId}
							newOrganizationName={profile.newOrganizationName}
							newOrganizationSector={profile.newOrganizationSector}
						/>
						<div>
							<button type="submit" className="button" disabled={busy}>
								Save profile
							</button>
						</div>
					</Form>
				</section>

				<section className="card" aria-labelledby="credit-heading">
					<h2 id="credit-heading">Credit in published editions</h2>
					<p className="card-hint">
						Published editions list their contributors. Choose how you appear in editions published from now
						on; earlier editions keep their credits.
					</p>
					<Form method="post" className="form">
						<input type="hidden" name="intent" value="credit" />
						<fieldset className="fieldset">
							<legend>List me</legend>
							{CREDIT_CHOICES.map((choice) => (
								<label key={choice}>
									<input
										type="radio"
										name="creditAs"
										value={choice}
										defaultChecked={account.creditAs === choice}
									/>{' '}
									{CREDIT_LABELS[choice]}
								</label>
							))}
						</fieldset>
						<div>
							<button type="submit" className="button button-secondary" disabled={busy}>
								Save credit
							</button>
						</div>
					</Form>
				</section>

				<NotificationSettingsCard settings={notifications} timeZones={timeZones} busy={busy} />

				<section className="card" aria-labelledby="password-heading">
					<h2 id="password-heading">Password</h2>
					<p className="card-hint">Changing it signs you out everywhere else.</p>
					<Form method="post" className="form" {...getFormProps(passwordForm)}>
						<input type="hidden" name="intent" value="password" />
						<FormError id={passwordForm.errorId} errors={passwordForm.errors} />
						<Field
							meta={password.currentPassword}
							label="Current password"
							type="password"
							autoComplete="current-password"
						/>
						<Field
							meta={password.newPassword}
							label="New password"
							type="password"
							autoComplete="new-password"
							hint="At least 12 characters. A few unrelated words make a strong one."
						/>
						<Field
							meta={password.confirmPassword}
							label="New password again"
							type="password"
							autoComplete="new-password"
						/>
						<div>
							<button type="submit" className="button" disabled={busy}>
								Change password
							</button>
						</div>
					</Form>
				</section>

				<section className="card" aria-labelledby="sessions-heading">
					<h2 id="sessions-heading">Sessions</h2>
					<p>
						{account.otherSessions === 0
							? 'You are signed in only here.'
							: `You have ${account.otherSessions === 1 ? 'one other active session' : `${account.otherSessions} other active sessions`} (another browser or device).`}
					</p>
					<Form method="post">
						<input type="hidden" name="intent" value="sign-out-others" />
						<button
							type="submit"
							className="button button-secondary"
							disabled={busy || account.otherSessions === 0}
						>
							Sign out everywhere else
						</button>
					</Form>
				</section>

				<CalendarSubscription
					feed={calendarFeed}
					outcome={actionData && 'calendar' in actionData ? (actionData.calendar ?? null) : null}
					busy={busy}
				/>
			</main>
		</>
	)
}
