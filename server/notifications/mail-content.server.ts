import { NOTIFICATION_KIND_LABELS } from '#shared/notifications.ts'
import { escapeHtml } from '#shared/publication/render-html.ts'
import type { MailPayload } from './outbox.server.ts'

export type MailContent = { text: string; html: string }

export type RenderOptions = {
	/** The instance's origin, no trailing slash: every link in the email is absolute. */
	origin: string
	/** The one-click unsubscribe link of this email, or null when it has none (invitations). */
	unsubscribeUrl: string | null
	/** Overrides the label of the notification kind in the why-line. */
	kindLabel?: string
}

type Link = { href: string; text: string }

/** What every template comes down to; the two parts are made from it alike. */
type Message = {
	heading: string
	/** Paragraphs of plain text. */
	paragraphs: string[]
	/** The thing the email is about. */
	link: Link | null
	/** Digest items, grouped under a task force's name. */
	groups: { name: string; items: Link[] }[]
	after: string[]
	why: string
	/** Whether to point at the account page's email settings (not for invitations: no account is assumed). */
	settings: boolean
}

/**
 * The plain-text and HTML parts of an outbox email. Every string that came from a person (names,
 * titles, task forces) is escaped in the HTML; the text part is plain text. An invitation says the
 * same thing whether or not the address already has an account.
 */
export function renderMail(payload: MailPayload, options: RenderOptions): MailContent {
	const message = compose(payload, options)
	return { text: renderText(message, options), html: renderHtml(message, options) }
}

function absolute(origin: string, path: string): string {
	return path.startsWith('/') ? `${origin}${path}` : `${origin}/${path}`
}

function compose(payload: MailPayload, options: RenderOptions): Message {
	const { origin } = options
	switch (payload.template) {
		case 'invitation':
			return {
				heading: `You are invited to ${payload.taskForceName}`,
				paragraphs: [
					`${payload.inviterName} invited you to join ${payload.taskForceName} on Convene as ${payload.role}.`,
					'The invitation is valid for 7 days.',
				],
				link: { href: payload.link, text: `Accept the invitation to ${payload.taskForceName}` },
				groups: [],
				after: ['If you were not expecting this, ignore this message: nothing happens unless you accept.'],
				why: `You receive this because ${payload.inviterName} entered this email address to invite you to ${payload.taskForceName}.`,
				settings: false,
			}
		case 'notification': {
			const label = options.kindLabel ?? NOTIFICATION_KIND_LABELS[payload.kind]
			return {
				heading: payload.title,
				paragraphs: [
					...(payload.taskForceName ? [`In ${payload.taskForceName}.`] : []),
					...payload.body
						.split(/\n{2,}/)
						.map((paragraph) => paragraph.trim())
						.filter(Boolean),
				],
				link: { href: absolute(origin, payload.path), text: `Open “${payload.title}” in Convene` },
				groups: [],
				after: [],
				why: `You receive this because your Convene settings send you an email at once about: ${label}.`,
				settings: true,
			}
		}
		case 'digest': {
			const groups = new Map<string, Link[]>()
			for (const item of payload.items) {
				const name = item.taskForceName ?? 'Across Convene'
				const items = groups.get(name) ?? []
				items.push({ href: absolute(origin, item.path), text: item.title })
				groups.set(name, items)
			}
			const count = payload.items.length
			return {
				heading: 'Your daily digest from Convene',
				paragraphs: [`${count} ${count === 1 ? 'thing' : 'things'} happened since your last digest.`],
				link: { href: absolute(origin, '/inbox'), text: 'Open your inbox in Convene' },
				groups: [...groups].map(([name, items]) => ({ name, items })),
				after: [],
				why: `You receive this because your Convene settings put some notifications in a daily digest${
					options.kindLabel ? ` (${options.kindLabel})` : ''
				}.`,
				settings: true,
			}
		}
	}
}

function renderText(message: Message, options: RenderOptions): string {
	const lines: string[] = [message.heading, '']
	for (const paragraph of message.paragraphs) lines.push(paragraph, '')
	for (const group of message.groups) {
		lines.push(`${group.name}:`)
		for (const item of group.items) lines.push(`- ${item.text}`, `  ${item.href}`)
		lines.push('')
	}
	if (message.link) lines.push(`${message.link.text}:`, message.link.href, '')
	for (const paragraph of message.after) lines.push(paragraph, '')
	lines.push('--', message.why)
	if (message.settings)
		lines.push(`Change which emails you get on your account page: ${options.origin}/account`)
	if (options.unsubscribeUrl) lines.push(`Unsubscribe from these emails: ${options.unsubscribeUrl}`)
	return `${lines.join('\n')}\n`
}

const BODY_STYLE =
	'margin:0;padding:1.5rem 1rem;background:#ffffff;color:#1f2328;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px;line-height:1.5'
const LINK_STYLE = 'color:#0b5cad;text-decoration:underline'

function anchor(link: Link): string {
	return `<a href="${escapeHtml(link.href)}" style="${LINK_STYLE}">${escapeHtml(link.text)}</a>`
}

function renderHtml(message: Message, options: RenderOptions): string {
	const parts: string[] = []
	parts.push(
		`<h1 style="font-size:1.375rem;line-height:1.3;margin:0 0 1rem">${escapeHtml(message.heading)}</h1>`,
	)
	for (const paragraph of message.paragraphs) parts.push(`<p>${escapeHtml(paragraph)}</p>`)
	for (const group of message.groups) {
		parts.push(`<h2 style="font-size:1.125rem;margin:1.25rem 0 0.5rem">${escapeHtml(group.name)}</h2>`)
		parts.push(`<ul>${group.items.map((item) => `<li>${anchor(item)}</li>`).join('')}</ul>`)
	}
	if (message.link) parts.push(`<p style="margin:1.25rem 0"><strong>${anchor(message.link)}</strong></p>`)
	for (const paragraph of message.after) parts.push(`<p>${escapeHtml(paragraph)}</p>`)

	const footer: string[] = [`<p>${escapeHtml(message.why)}</p>`]
	if (message.settings) {
		const account = `${options.origin}/account`
		footer.push(
			`<p>Change which emails you get on your account page: ${anchor({ href: account, text: account })}</p>`,
		)
	}
	if (options.unsubscribeUrl) {
		footer.push(`<p>${anchor({ href: options.unsubscribeUrl, text: 'Unsubscribe from these emails' })}</p>`)
	}
	return [
		'<!doctype html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(message.heading)}</title>`,
		'</head>',
		`<body style="${BODY_STYLE}">`,
		'<div style="max-width:40rem;margin:0 auto">',
		`<main>${parts.join('\n')}</main>`,
		`<footer style="margin-top:2rem;padding-top:1rem;border-top:1px solid #d0d7de;color:#424a53;font-size:14px">${footer.join('\n')}</footer>`,
		'</div>',
		'</body>',
		'</html>',
		'',
	].join('\n')
}
