import { expect, test } from 'vitest'
import { renderMail } from '#server/notifications/mail-content.server.ts'
import type { MailPayload } from '#server/notifications/outbox.server.ts'
import { NOTIFICATION_KIND_LABELS } from '#shared/notifications.ts'

const ORIGIN = 'https://convene.example.org'
const UNSUBSCRIBE = `${ORIGIN}/unsubscribe/abcdefghijklmnopqrstuvwxyz234567/mention`

const mention: MailPayload = {
	template: 'notification',
	kind: 'mention',
	title: 'Dana <script>alert(1)</script> mentioned you',
	body: 'In "Budget & <b>staffing</b>"',
	path: '/t/genai/sections/s1?thread=t1',
	taskForceName: 'AI <Task> Force',
}

const invitation = (
	overrides: Partial<Extract<MailPayload, { template: 'invitation' }>> = {},
): MailPayload => ({
	template: 'invitation',
	inviterName: 'Dana Whitfield',
	taskForceName: 'Generative AI in Local Government',
	role: 'member',
	link: `${ORIGIN}/invite/abcdefghijklmnopqrstuvwxyz234567`,
	...overrides,
})

test('every string from a person is escaped in the HTML part, and the document is accessible', () => {
	const { html, text } = renderMail(mention, { origin: ORIGIN, unsubscribeUrl: UNSUBSCRIBE })
	expect(html).not.toContain('<script>')
	expect(html).not.toContain('<b>staffing')
	expect(html).toContain('Dana &lt;script&gt;alert(1)&lt;/script&gt; mentioned you')
	expect(html).toContain('Budget &amp; &lt;b&gt;staffing&lt;/b&gt;')
	expect(html).toContain('AI &lt;Task&gt; Force')
	expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
	expect(html).toContain('<title>')
	expect(html).toMatch(/<h1[^>]*>Dana &lt;script/)
	// A real link to the thing, with meaningful text.
	expect(html).toContain(
		`<a href="${ORIGIN}/t/genai/sections/s1?thread=t1" style="color:#0b5cad;text-decoration:underline">Open “Dana &lt;script&gt;`,
	)
	// The text part is plain text with absolute links.
	expect(text).toContain('Dana <script>alert(1)</script> mentioned you')
	expect(text).toContain(`${ORIGIN}/t/genai/sections/s1?thread=t1`)
})

test('a notification says why it was sent, links to the account page and to its unsubscribe link', () => {
	const { html, text } = renderMail(mention, { origin: ORIGIN, unsubscribeUrl: UNSUBSCRIBE })
	const label = NOTIFICATION_KIND_LABELS.mention
	for (const part of [html, text]) {
		expect(part).toContain(
			`You receive this because your Convene settings send you an email at once about: ${label}`,
		)
		expect(part).toContain(`Change which emails you get on your account page: `)
		expect(part).toContain(`${ORIGIN}/account`)
		expect(part).toContain(UNSUBSCRIBE)
	}
	expect(html).toMatch(
		/<footer[^>]*>[\s\S]*<a href="https:\/\/convene\.example\.org\/unsubscribe\/[^"]+"[^>]*>Unsubscribe/,
	)
	const without = renderMail(mention, { origin: ORIGIN, unsubscribeUrl: null })
	expect(without.html).not.toContain('/unsubscribe/')
	expect(without.text).not.toContain('/unsubscribe/')
	expect(renderMail(mention, { origin: ORIGIN, unsubscribeUrl: null, kindLabel: 'Other' }).text).toContain(
		'email at once about: Other.',
	)
})

test('an invitation names the inviter, task force, role and link, and never whether the address has an account', () => {
	const { html, text } = renderMail(invitation(), { origin: ORIGIN, unsubscribeUrl: null })
	for (const part of [html, text]) {
		expect(part).toContain(
			'Dana Whitfield invited you to join Generative AI in Local Government on Convene as member.',
		)
		expect(part).toContain(`${ORIGIN}/invite/abcdefghijklmnopqrstuvwxyz234567`)
		expect(part).toContain('If you were not expecting this, ignore this message')
		expect(part).toContain('You receive this because Dana Whitfield entered this email address')
		expect(part).not.toMatch(/account|sign in|password|already/i)
		expect(part).not.toContain('/unsubscribe/')
	}
	expect(html).toContain('>Accept the invitation to Generative AI in Local Government</a>')
	// The same words for every address: nothing in the payload says whether it has an account.
	const other = renderMail(invitation(), { origin: ORIGIN, unsubscribeUrl: null })
	expect(other).toEqual({ html, text })
	const hostile = renderMail(invitation({ inviterName: 'Eve <img src=x onerror=alert(1)>' }), {
		origin: ORIGIN,
		unsubscribeUrl: null,
	})
	expect(hostile.html).not.toContain('<img')
	expect(hostile.html).toContain('Eve &lt;img src=x onerror=alert(1)&gt;')
})

test('a digest lists its items with links, grouped by task force', () => {
	const { html, text } = renderMail(
		{
			template: 'digest',
			items: [
				{ kind: 'thread_reply', title: 'Reply in Budget', path: '/t/a/sections/1', taskForceName: 'Alpha' },
				{ kind: 'phase_changed', title: 'Review opens', path: '/t/b/timeline', taskForceName: 'Beta' },
				{
					kind: 'suggestion_decided',
					title: 'Suggestion accepted',
					path: '/t/a/sections/2',
					taskForceName: 'Alpha',
				},
			],
		},
		{ origin: ORIGIN, unsubscribeUrl: `${ORIGIN}/unsubscribe/abcdefghijklmnopqrstuvwxyz234567/digest` },
	)
	expect(html).toMatch(
		/<h2[^>]*>Alpha<\/h2>\n<ul><li><a href="https:\/\/convene\.example\.org\/t\/a\/sections\/1"[^>]*>Reply in Budget<\/a><\/li><li><a [^>]*>Suggestion accepted<\/a><\/li><\/ul>/,
	)
	expect(html).toMatch(
		/<h2[^>]*>Beta<\/h2>\n<ul><li><a href="https:\/\/convene\.example\.org\/t\/b\/timeline"/,
	)
	expect(text).toContain(
		'Alpha:\n- Reply in Budget\n  https://convene.example.org/t/a/sections/1\n- Suggestion accepted',
	)
	expect(text).toContain('3 things happened')
	expect(text).toContain('/unsubscribe/abcdefghijklmnopqrstuvwxyz234567/digest')
})
