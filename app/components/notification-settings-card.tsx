import { Form } from 'react-router'
import {
	EMAIL_DELIVERIES,
	EMAIL_DELIVERY_LABELS,
	type EmailDelivery,
	NOTIFICATION_KIND_LABELS,
	NOTIFICATION_KINDS,
	type NotificationKind,
} from '#shared/notifications.ts'

const DIGEST_HOURS = Array.from({ length: 24 }, (_, hour) => String(hour))

/**
 * The account page's notification card: per kind, email at once, in the daily digest or not at
 * all; the digest's hour and time zone. Posts `intent=notifications` to the account page.
 */
export function NotificationSettingsCard({
	settings,
	timeZones,
	busy,
}: {
	settings: { deliveries: Record<NotificationKind, EmailDelivery>; digestHour: number; timeZone: string }
	timeZones: readonly string[]
	busy: boolean
}) {
	return (
		<section className="card" id="notifications" aria-labelledby="notifications-heading">
			<h2 id="notifications-heading">Notifications</h2>
			<p className="card-hint" id="notifications-hint">
				Everything always reaches your inbox in Convene; this decides the emails.
			</p>
			<Form method="post" className="form" aria-describedby="notifications-hint">
				<input type="hidden" name="intent" value="notifications" />
				{NOTIFICATION_KINDS.map((kind) => (
					<fieldset key={kind} className="fieldset">
						<legend>{NOTIFICATION_KIND_LABELS[kind]}</legend>
						{EMAIL_DELIVERIES.map((delivery) => (
							<label key={delivery}>
								<input
									type="radio"
									name={kind}
									value={delivery}
									defaultChecked={settings.deliveries[kind] === delivery}
								/>{' '}
								{EMAIL_DELIVERY_LABELS[delivery]}
							</label>
						))}
					</fieldset>
				))}
				<div className="field-row">
					<div className="field">
						<label htmlFor="digest-hour">Daily digest at</label>
						<select id="digest-hour" name="digestHour" defaultValue={String(settings.digestHour)}>
							{DIGEST_HOURS.map((hour) => (
								<option key={hour} value={hour}>
									{`${hour.padStart(2, '0')}:00`}
								</option>
							))}
						</select>
					</div>
					<div className="field">
						<label htmlFor="time-zone">Time zone</label>
						<select id="time-zone" name="timeZone" defaultValue={settings.timeZone}>
							{timeZones.map((zone) => (
								<option key={zone} value={zone}>
									{zone.replaceAll('_', ' ')}
								</option>
							))}
						</select>
					</div>
				</div>
				<div>
					<button type="submit" className="button button-secondary" disabled={busy}>
						Save notifications
					</button>
				</div>
			</Form>
		</section>
	)
}
