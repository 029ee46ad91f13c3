import { z } from 'zod'
import { EMAIL_DELIVERIES, NOTIFICATION_KINDS, type NotificationKind } from '../notifications.ts'

/**
 * The time zones a person may choose: those this runtime's Intl knows, and UTC (which Intl lists
 * only under its regional names).
 */
export const TIME_ZONES: readonly string[] = (() => {
	const zones = Intl.supportedValuesOf('timeZone')
	return zones.includes('UTC') ? zones : [...zones, 'UTC']
})()

const delivery = z.enum(EMAIL_DELIVERIES, { error: 'Choose how these emails reach you.' })

/**
 * The account page's notification settings: an email delivery per kind of notification, the hour
 * of the daily digest (0–23) and the time zone it is in.
 */
export const notificationSettingsSchema = z.object({
	...(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, delivery])) as Record<
		NotificationKind,
		typeof delivery
	>),
	digestHour: z
		.string({ error: 'Choose an hour.' })
		.regex(/^\d{1,2}$/, 'Choose an hour from 00:00 to 23:00.')
		.transform(Number)
		.pipe(
			z
				.number()
				.int()
				.min(0, 'Choose an hour from 00:00 to 23:00.')
				.max(23, 'Choose an hour from 00:00 to 23:00.'),
		),
	timeZone: z.string().refine((zone) => TIME_ZONES.includes(zone), 'Choose a time zone from the list.'),
})
