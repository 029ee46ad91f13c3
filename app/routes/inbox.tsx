import { data, Form, href, Link, useFetcher, useNavigation } from 'react-router'
import { SiteHeader } from '#app/components/site-header.tsx'
import { requireViewer } from '#server/auth/viewer.server.ts'
import { getServices } from '#server/context.server.ts'
import { listInbox, markAllRead, markRead } from '#server/notifications/inbox.server.ts'
import { getNotificationSettings } from '#server/notifications/settings.server.ts'
import { formatDateTime, formatRelativeTime } from '#shared/dates.ts'
import { formatNumber, plural } from '#shared/text.ts'
import type { Route } from './+types/inbox'

/** How many of the newest notifications the page shows. */
const SHOWN = 100

export function loader({ request, context }: Route.LoaderArgs) {
	const viewer = requireViewer(context, request)
	const { db, now } = getServices(context)
	const timeZone = getNotificationSettings(db, viewer.id)?.timeZone ?? 'UTC'
	const nowMs = now().getTime()
	const groups = listInbox(db, viewer.id, { limit: SHOWN }).map((group) => ({
		name: group.name,
		// Times are worded here, on the server, so the browser hydrates the very same text.
		items: group.items.map((item) => ({
			id: item.id,
			title: item.title,
			body: item.body,
			path: item.path,
			read: item.read,
			iso: new Date(item.createdAt).toISOString(),
			exact: formatDateTime(item.createdAt, timeZone),
			relative: formatRelativeTime(item.createdAt, nowMs),
		})),
	}))
	const shown = groups.reduce((sum, group) => sum + group.items.length, 0)
	const unread = groups.reduce((sum, group) => sum + group.items.filter((item) => !item.read).length, 0)
	return { groups, shown, unread }
}

/** Marking read: always the signed-in person's own notifications, whatever the form names. */
export async function action({ request, context }: Route.ActionArgs) {
	const viewer = requireViewer(context, request)
	const { db, now } = getServices(context)
	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'read') {
		const id = formData.get('id')
		if (typeof id !== 'string' || !markRead(db, viewer.id, id, now().getTime()))
			return data({ intent, notice: 'That notification is not in your inbox.' }, { status: 404 })
		return { intent, notice: null }
	}
	if (intent === 'read-all') {
		const marked = markAllRead(db, viewer.id, now().getTime())
		return {
			intent,
			notice: marked === 0 ? 'There was nothing unread.' : `Marked ${plural(marked, 'notification')} read.`,
		}
	}
	throw new Response('Unknown action', { status: 400 })
}

export const meta: Route.MetaFunction = () => [{ title: 'Inbox · Convene' }]

const unreadBadge: React.CSSProperties = {
	display: 'inline-block',
	padding: '0 0.5em',
	borderRadius: '999px',
	border: '1px solid currentColor',
	color: '#1e3a8a',
	fontSize: '0.8125rem',
	fontWeight: 700,
	lineHeight: 1.5,
}

type Item = Route.ComponentProps['loaderData']['groups'][number]['items'][number]

/** One notification: a link to what it is about (following it marks it read), and its time. */
function InboxRow({ item }: { item: Item }) {
	const fetcher = useFetcher()
	// Shown read at once when the person follows it or marks it, before the server answers.
	const read = item.read || fetcher.state !== 'idle'
	const markRead = () => {
		if (!item.read)
			void fetcher.submit({ intent: 'read', id: item.id }, { method: 'post', action: href('/inbox') })
	}
	return (
		<li
			className="list-row"
			data-read={read}
			style={read ? undefined : { borderLeft: '4px solid #1e3a8a', paddingLeft: '0.75rem' }}
		>
			<span>
				{read ? null : (
					<>
						<span style={unreadBadge}>Unread</span>{' '}
					</>
				)}
				<Link to={item.path} className="list-title" style={{ display: 'inline' }} onClick={markRead}>
					{read ? item.title : <strong>{item.title}</strong>}
				</Link>
				{item.body ? <span className="list-detail">{item.body}</span> : null}
				<time className="list-detail" dateTime={item.iso} title={item.exact}>
					{item.relative} · {item.exact}
				</time>
			</span>
			{read ? null : (
				<fetcher.Form method="post" action={href('/inbox')}>
					<input type="hidden" name="intent" value="read" />
					<input type="hidden" name="id" value={item.id} />
					<button type="submit" className="button button-secondary button-small">
						Mark read<span className="visually-hidden">: {item.title}</span>
					</button>
				</fetcher.Form>
			)}
		</li>
	)
}

export default function Inbox({ loaderData, actionData }: Route.ComponentProps) {
	const { groups, shown, unread } = loaderData
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	return (
		<>
			<SiteHeader />
			<main id="main" className="page page-narrow">
				<header className="page-header">
					<h1>Inbox</h1>
					<p className="lede">
						What needs you across your task forces, newest first. Everything reaches you here; your{' '}
						<Link to={{ pathname: href('/account'), hash: 'notifications' }}>notification settings</Link>{' '}
						decide the emails.
					</p>
				</header>
				<p className="visually-hidden" role="status">
					{actionData?.notice ?? ''}
				</p>
				{shown === 0 ? (
					<section className="card" aria-labelledby="empty-heading">
						<h2 id="empty-heading">Nothing here yet</h2>
						<p className="card-hint">
							When someone assigns you work, asks for your review, replies to you or mentions you, it appears
							here.
						</p>
					</section>
				) : (
					<>
						<div className="card-header">
							<p className="count">
								{unread === 0 ? 'All read' : `${plural(unread, 'unread notification')}`}
								{shown >= SHOWN ? ` · showing the newest ${SHOWN}` : ''}
							</p>
							<Form method="post">
								<input type="hidden" name="intent" value="read-all" />
								<button type="submit" className="button button-secondary" disabled={busy || unread === 0}>
									Mark all read
								</button>
							</Form>
						</div>
						{groups.map((group, index) => (
							<section key={group.name} className="card" aria-labelledby={`inbox-group-${index}`}>
								<div className="card-header">
									<h2 id={`inbox-group-${index}`}>{group.name}</h2>
									<span className="count">
										{formatNumber(group.items.filter((item) => !item.read).length)} unread
									</span>
								</div>
								<ul className="list">
									{group.items.map((item) => (
										<InboxRow key={item.id} item={item} />
									))}
								</ul>
							</section>
						))}
					</>
				)}
			</main>
		</>
	)
}
