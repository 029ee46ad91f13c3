import type { FieldMetadata } from '@conform-to/react'
import { ASSIGNMENT_STATUSES } from '#shared/domain.ts'
import { ASSIGNMENT_STATUS_LABELS } from '#shared/labels.ts'
import { TextareaField, useHydrated } from './assignment-fields.tsx'
import { SelectField } from './forms.tsx'

type Meta = FieldMetadata<string | undefined>

/**
 * The status, and why it is blocked. With scripts the reason appears when "Blocked" is chosen;
 * without, it is always there and the server asks for it when it is missing.
 */
export function AssignmentStatusFields({ status, blockedReason }: { status: Meta; blockedReason: Meta }) {
	const hydrated = useHydrated()
	const blocked = status.value === 'blocked'
	return (
		<>
			<SelectField
				meta={status}
				label="Status"
				options={ASSIGNMENT_STATUSES.map((value) => ({ value, label: ASSIGNMENT_STATUS_LABELS[value] }))}
			/>
			{!hydrated || blocked ? (
				<TextareaField
					meta={blockedReason}
					label={hydrated ? 'What is blocking it?' : 'What is blocking it? (when blocked)'}
					hint="Required when the status is Blocked, so someone can help; cleared when it is unblocked."
					rows={3}
				/>
			) : null}
		</>
	)
}
