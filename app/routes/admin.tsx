import { data, Form, Link, useNavigation } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import { TableScroll } from '#app/components/table-scroll.tsx'
import { listAccounts, listAllTaskForces, setAccountDisabled } from '#server/admin/accounts.server.ts'
import { requireAdmin } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import { formatDate } from '#shared/dates.ts'
import type { Route } from './+types/admin'

export function loader({ request, context }: Route.LoaderArgs) {
	const viewer = requireAdmin(context, request)
	const { db } = getServices(context)
	return { viewerId: viewer.id, taskForces: listAllTaskForces(db), accounts: listAccounts(db) }
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
	const { taskForces, accounts, viewerId } = loaderData
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
				<p>
					<Link to="/">Back to your task forces</Link>
				</p>
			</main>
		</>
	)
}
