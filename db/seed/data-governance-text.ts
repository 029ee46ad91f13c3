import type { Block } from './starter-text.ts'

/** The published text of the demo's finished playbook, section by section. */
export const DATA_GOVERNANCE_TEXT: Record<string, Block[]> = {
	'Why data governance': [
		{ heading: 'The problem' },
		{
			paragraph:
				'Cities hold more data about residents than ever: permits, service requests, transit trips, inspections and payments. Governance is how a city decides who may use that data, for what, and how it stays accurate, secure and lawful.',
		},
		{
			paragraph:
				'Without it, departments copy the same records into separate systems, nobody can say which copy is right, and a single leaked spreadsheet can undo years of public trust.',
		},
		{ heading: 'What this playbook covers' },
		{
			paragraph:
				'Roles and responsibilities, an inventory of what the city holds, how to classify it by sensitivity, and how to share it with partners under written agreements. Each chapter ends with steps a city can take in its first ninety days.',
		},
	],
	'Roles and responsibilities': [
		{ heading: 'Owners, stewards and custodians' },
		{
			paragraph:
				'Good data governance names people, not departments. Every dataset has an owner who decides how it may be used, a steward who keeps it accurate day to day, and a custodian who runs the systems that store it.',
		},
		{ heading: 'The data governance board' },
		{
			paragraph:
				'A small board of department directors, the chief information officer and the city attorney meets monthly. It approves the classification scheme, settles disputes between departments and reports to the city manager once a year.',
		},
		{
			paragraph:
				'Smaller cities can fold the board into an existing technology committee; what matters is that its decisions are written down and published.',
		},
	],
	'Data inventory and classification': [
		{ heading: 'Know what you hold' },
		{
			paragraph:
				'A city cannot protect what it does not know it holds. The inventory lists every dataset with its owner, the system it lives in, how often it changes and whether it contains personal information.',
		},
		{ heading: 'Four levels of sensitivity' },
		{
			paragraph:
				'Public data may be published as open data. Internal data is shared freely among city staff. Confidential data, such as personnel files, is limited to those who need it. Restricted data, such as health or criminal justice records, is governed by law and audited.',
		},
		{
			paragraph:
				'Classify at the level of the most sensitive field in a dataset, and review each classification when the dataset or the law changes.',
		},
	],
	'Data sharing agreements': [
		{ heading: 'Put it in writing' },
		{
			paragraph:
				'When a city shares data with a university, a vendor or another government, a written agreement says what is shared, for what purpose, for how long, and what happens to the data when the work ends.',
		},
		{ heading: 'What every agreement includes' },
		{
			paragraph:
				'The purpose and the legal basis; the exact fields shared; security requirements; who may see the data; a ban on re-identification; breach notification within 72 hours; and destruction or return of the data at the end, with a certificate.',
		},
		{
			paragraph: 'Publish a register of active agreements so residents can see who holds their data and why.',
		},
	],
}
