import type { AssignmentStatus } from '#shared/domain.ts'
import { ASSIGNMENT_STATUS_LABELS } from '#shared/labels.ts'

/**
 * An assignment's status as a pill, and "Overdue" beside it when it is late. Each pill carries its
 * word; the color only repeats it.
 */
export function AssignmentState({ status, overdue }: { status: AssignmentStatus; overdue: boolean }) {
	return (
		<>
			<span className={`state state-${status}`}>{ASSIGNMENT_STATUS_LABELS[status]}</span>
			{overdue ? <span className="state state-overdue">Overdue</span> : null}
		</>
	)
}
