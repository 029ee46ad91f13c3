import type { FieldMetadata } from '@conform-to/react'
import { SECTORS } from '#shared/domain.ts'
import { SECTOR_LABELS } from '#shared/labels.ts'
import { Field, SelectField } from './forms.tsx'

type Props = {
	organizations: Array<{ id: string; name: string }>
	organizationId: FieldMetadata<string | undefined>
	newOrganizationName: FieldMetadata<string | undefined>
	newOrganizationSector: FieldMetadata<string | undefined>
}

/** Choose an existing organization, or name a new one and its sector. */
export function OrganizationFields({
	organizations,
	organizationId,
	newOrganizationName,
	newOrganizationSector,
}: Props) {
	return (
		<fieldset className="fieldset">
			<legend>Organization</legend>
			<SelectField
				meta={organizationId}
				label="Your organization"
				placeholder="Not listed — add it below"
				options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
			/>
			<div className="field-row">
				<Field meta={newOrganizationName} label="Or a new organization's name" />
				<SelectField
					meta={newOrganizationSector}
					label="Its sector"
					placeholder="Choose a sector"
					options={SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] }))}
				/>
			</div>
		</fieldset>
	)
}
