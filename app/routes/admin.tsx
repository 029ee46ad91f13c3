import { data, Form, Link, useNavigation } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import { TableScroll } from '#app/components/table-scroll.tsx'
import { listAccounts, listAllTaskForces, setAccountDisabled } from '#server/admin/accounts.server.ts'
import { requireAdmin } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import { listUnsentMail } from '#server/notifications/outbox-admin.server.ts'
import { formatDate, formatDateTime } from '#shared/dates.ts'
import type { Route } from './+types/admin'

export function loader({ request, context }: Route.LoaderArgs) {
	const viewer = requireAdmin(context, request)
	const { db, config } = getServices(context)
	return {
		viewerId: viewer.id,
		taskForces: listAllTaskForces(db),
		accounts: listAccounts(db),
		outbox: listUnsentMail(db, 50),
		mailConfigured: config.smtpUrl !== undefined,
	}
}

export async function action({ request, context }: Route.ActionArgs) {
	const viewer = requireAdmin(context, request)
	const { db, now, collab } = getServices(context)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const userId = String(formData.get('userId') ?? '')
	if (intent !== 'disable' && intent !== 'enable') throw new Response('Unknown action', { status: 400 })
	const outcome = setAccountDisabled(db, viewer, userId, intent === 'disable', now().getTime(), collab)
	if (!outcome.ok) return data({ error: outcome.message, notice: null }, { status: 400 })
	return {
		error: null,
		notice:
			intent === 'disable'
				? `${outcome.name}'s account is disabled and every session of it has ended.`
				: `${outcome.name}'s account is enabled again.`,
	}
}

export const meta: Route.MetaFunction = () => [{ title: 'Administration · Convene' }]

export default function Admin({ loaderData, actionData }: Route.ComponentProps) {
	const { taskForces, accounts, viewerId, outbox, mailConfigured } = loaderData
	const busy = useNavigation().state === 'submitting'
	return (
		<>
			<SiteHeader />
			<main id="main" className="page">
				<header className="page-header">
					<h1>Administration</h1>
					<p className="lede">
						Task forces and accounts of this instance. Create task forces and accounts with{' '}
						<code>npm run admin</code>.
					</p>
				</header>
				{actionData?.notice ? (
					<p className="notice" role="status">
						{actionData.notice}
					</p>
				) : null}
				{actionData?.error ? (
					<p className="form-error" role="alert">
						{actionData.error}
					</p>
				) : null}

				<section className="card" aria-labelledby="task-forces-heading">
					<h2 id="task-forces-heading">Task forces ({taskForces.length})</h2>
					<TableScroll label="Task forces">
						<table className="table">
							<thead>
								<tr>
									<th scope="col">Name</th>
									<th scope="col">Status</th>
									<th scope="col">Publication</th>
									<th scope="col">Members</th>
								</tr>
							</thead>
							<tbody>
								{taskForces.map((taskForce) => (
									<tr key={taskForce.id}>
										<th scope="row">
											<span className="person-name">{taskForce.name}</span>
											<span className="person-title">/t/{taskForce.slug}</span>
										</th>
										<td>
											<span className="tag">{taskForce.status}</span>
										</td>
										<td>{formatDate(taskForce.publicationDate)}</td>
										<td>{taskForce.members}</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableScroll>
				</section>

				<section className="card" aria-labelledby="accounts-heading">
					<h2 id="accounts-heading">Accounts ({accounts.length})</h2>
					<TableScroll label="Accounts">
						<table className="table">
							<thead>
								<tr>
									<th scope="col">Person</th>
									<th scope="col">Organization</th>
									<th scope="col">Status</th>
									<th scope="col">
										<span className="visually-hidden">Actions</span>
									</th>
								</tr>
							</thead>
							<tbody>
								{accounts.map((account) => (
									<tr key={account.id}>
										<th scope="row">
											<span className="person-name">
												{account.name}
												{account.isAdmin ? <span className="tag tag-inline">Admin</span> : null}
											</span>
											<span className="person-title">{account.email}</span>
										</th>
										<td>{account.organization ?? '—'}</td>
										<td>
											{account.disabledAt ? 'Disabled' : account.hasPassword ? 'Active' : 'No password set'}
										</td>
										<td>
											{account.id === viewerId ? (
												<span className="muted">You</span>
											) : (
												<Form method="post">
													<input type="hidden" name="userId" value={account.id} />
													<button
														type="submit"
														name="intent"
														value={account.disabledAt ? 'enable' : 'disable'}
														className="button button-secondary button-small"
														disabled={busy}
														aria-label={`${account.disabledAt ? 'Enable' : 'Disable'} ${account.name}`}
													>
														{account.disabledAt ? 'Enable' : 'Disable'}
													</button>
												</Form>
											)}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableScroll>
				</section>
				<section className="card" aria-labelledby="outbox-heading">
					<h2 id="outbox-heading">Outbox ({outbox.length === 50 ? 'latest 50' : outbox.length} not sent)</h2>
					{mailConfigured ? (
						<p>
							Emails waiting to be sent, or given up a day after they were queued. A failed send is tried
							again after 10 seconds, then after twice as long each time, up to 15 minutes.
						</p>
					) : (
						<p className="notice">
							No mail server is configured (SMTP_URL): these emails are not sent. Copy an invitation link to
							the person yourself.
						</p>
					)}
					{outbox.length === 0 ? (
						<p className="muted">Every email has been sent.</p>
					) : (
						<TableScroll label="Outbox">
							<table className="table">
								<thead>
									<tr>
										<th scope="col">To and subject</th>
										<th scope="col">Queued</th>
										<th scope="col">Attempts</th>
										<th scope="col">Status</th>
									</tr>
								</thead>
								<tbody>
									{outbox.map((mail) => (
										<tr key={mail.id}>
											<th scope="row">
												<span className="person-name">{mail.to}</span>
												<span className="person-title">{mail.subject}</span>
												<details>
													<summary>Text of the email</summary>
													<pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{mail.body}</pre>
												</details>
											</th>
											<td>{formatDateTime(mail.createdAt, 'UTC')}</td>
											<td>{mail.attempts}</td>
											<td>
												{mail.failedAt !== null
													? `Given up ${formatDateTime(mail.failedAt, 'UTC')}`
													: mailConfigured
														? 'Waiting'
														: 'Not sent: no mail server'}
												{mail.lastError ? (
													<span className="person-title">Last error: {mail.lastError}</span>
												) : null}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</TableScroll>
					)}
				</section>
				<p>
					<Link to="/">Back to your task forces</Link>
				</p>
			</main>
		</>
	)
}
