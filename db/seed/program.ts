import type { AssignmentStatus, PhaseKind, SectionStatus } from '#shared/domain.ts'

/** The GenAI task force's seven subcommittees; the third is the one the demo accounts work in. */
export const SUBCOMMITTEES = [
	{
		key: 'trust',
		name: 'Trust and Measurement',
		charge:
			'Define how a local government shows that a generative AI service is accurate, fair and worth its cost, and what residents should be able to see.',
	},
	{
		key: 'open-data',
		name: 'Open Data and 311',
		charge:
			'Collect use cases where generative AI helps residents find services and data, from 311 requests to open data portals, with what worked and what did not.',
	},
	{
		key: 'engagement',
		name: 'Community Engagement and Transparency',
		charge:
			'Recommend how cities involve residents before and after deploying generative AI, including public registers of AI use and plain-language notices.',
	},
	{
		key: 'workforce',
		name: 'Workforce and Training',
		charge:
			'Describe the skills public servants need, training paths that fit government schedules, and how to work with labor partners.',
	},
	{
		key: 'privacy',
		name: 'Privacy, Security and Data Governance',
		charge:
			'Set baseline controls for resident data used with generative AI: classification, retention, vendor access and incident response.',
	},
	{
		key: 'procurement',
		name: 'Procurement and Vendors',
		charge:
			'Draft contract language and evaluation criteria so cities of every size can buy generative AI tools responsibly.',
	},
	{
		key: 'legal',
		name: 'Legal and Regulatory Landscape',
		charge:
			'Map state and federal rules that apply to local use of generative AI and turn them into a model policy template.',
	},
] as const

export type SubcommitteeKey = (typeof SUBCOMMITTEES)[number]['key']

type Block = { heading: string } | { paragraph: string }

export type SeedSection = {
	title: string
	subcommittee: SubcommitteeKey
	status: SectionStatus
	targetWords: number
	/** Days after today the section's first draft is due, on the plan (see calendar.ts). */
	dueInDays: number
	body: Block[]
}

export const SECTIONS: SeedSection[] = [
	{
		title: 'Introduction',
		subcommittee: 'trust',
		status: 'drafting',
		targetWords: 1500,
		dueInDays: 21,
		body: [
			{ heading: 'Why this guidebook' },
			{
				paragraph:
					'Local governments are already using generative AI, often one department at a time. This guidebook gathers what more than forty cities and counties have learned so that no government has to start from a blank page.',
			},
			{
				paragraph:
					'It was written by public servants, researchers and industry practitioners working together, and it is led by the public sector.',
			},
			{ heading: 'How to use it' },
			{
				paragraph:
					'Each chapter stands on its own. Start with the use cases if you are exploring, with the model policy if you are governing, and with procurement if you are buying.',
			},
		],
	},
	{
		title: 'Use cases in local government',
		subcommittee: 'open-data',
		status: 'drafting',
		targetWords: 4000,
		dueInDays: 21,
		body: [
			{ heading: 'Resident services' },
			{
				paragraph:
					'Cities have used generative AI to draft replies to 311 requests, translate service information, and summarize long public comment records for staff.',
			},
			{ heading: 'Working with open data' },
			{
				paragraph:
					'Natural-language search over open data portals lowers the barrier for residents and reporters, but answers must cite the dataset they come from.',
			},
			// A heading still waiting for its words: the accessibility check's finding in the demo.
			{ heading: '' },
			{
				paragraph:
					'Counties are collecting examples from their public health and elections offices; this part lists them once each one is confirmed.',
			},
		],
	},
	{
		title: 'Model policy template',
		subcommittee: 'legal',
		status: 'in_review',
		targetWords: 3000,
		dueInDays: 14,
		body: [
			{ heading: 'Purpose and scope' },
			{
				paragraph:
					'This policy governs the use of generative AI tools by employees, contractors and volunteers of the municipality when performing public business.',
			},
			{ heading: 'Responsible use' },
			{
				paragraph:
					'Staff remain accountable for any content they produce with generative AI. Outputs used in official communications must be reviewed by a person before release.',
			},
			{ heading: 'Disclosure' },
			{
				paragraph:
					'When generative AI substantially contributed to a public document, the document says so in plain language.',
			},
		],
	},
	{
		title: 'Community engagement and transparency',
		subcommittee: 'engagement',
		status: 'drafting',
		targetWords: 3500,
		dueInDays: 28,
		body: [
			{ heading: 'Start with residents' },
			{
				paragraph:
					'Residents should hear about a new AI service before it launches, in the languages they speak, with a clear way to ask questions and opt for a person instead.',
			},
			{ heading: 'Public registers of AI use' },
			{
				paragraph:
					'A public register lists each AI system the government uses, what it is for, who is responsible, and how to raise a concern. Several cities publish one today.',
			},
		],
	},
	{
		title: 'Workforce and training',
		subcommittee: 'workforce',
		status: 'not_started',
		targetWords: 2500,
		dueInDays: 35,
		body: [
			{ heading: 'Skills for every role' },
			{
				paragraph:
					'Outline: baseline literacy for all staff, deeper skills for analysts, and leadership briefings.',
			},
		],
	},
	{
		title: 'Procurement and vendor management',
		subcommittee: 'procurement',
		status: 'drafting',
		targetWords: 3000,
		dueInDays: 28,
		body: [
			{ heading: 'Before you buy' },
			{
				paragraph:
					'Describe the problem first, then ask vendors how their product addresses it, what data it needs, and how its outputs can be audited.',
			},
			{ heading: 'Contract terms that matter' },
			{
				paragraph:
					'Data ownership, no training on government data without consent, incident notification, and the right to an independent evaluation.',
			},
		],
	},
	{
		title: 'Privacy and security',
		subcommittee: 'privacy',
		status: 'drafting',
		targetWords: 3000,
		dueInDays: 21,
		body: [
			{ heading: 'Classify before you prompt' },
			{
				paragraph:
					'Staff need a simple rule for which data may go into which tool. Public data is open to approved tools; resident personal data needs an approved, contracted environment.',
			},
		],
	},
	{
		title: 'Measurement framework',
		subcommittee: 'trust',
		status: 'not_started',
		targetWords: 2500,
		dueInDays: 35,
		body: [
			{ heading: 'What to measure' },
			{ paragraph: 'Outline: accuracy, equity of outcomes, resident satisfaction, staff time, and cost.' },
		],
	},
	{
		title: 'Appendices and resources',
		subcommittee: 'legal',
		status: 'not_started',
		targetWords: 2000,
		dueInDays: 42,
		body: [
			{ heading: 'Glossary' },
			{ paragraph: 'Terms used in this guidebook, in plain language.' },
			{ heading: 'Further reading' },
			{ paragraph: 'Policies, registers and evaluations published by members of the task force.' },
		],
	},
]

/** Milestones of each phase, due in days relative to today on the plan (see calendar.ts). */
export const MILESTONES: Record<PhaseKind, Array<{ title: string; dueInDays: number; done?: boolean }>> = {
	research: [
		{ title: 'Kickoff meeting held', dueInDays: -95, done: true },
		{ title: 'Subcommittee charges approved', dueInDays: -80, done: true },
		{ title: 'Research questions published', dueInDays: -60, done: true },
		{ title: 'Practice scan complete', dueInDays: -32, done: true },
	],
	writing: [
		{ title: 'Section outlines agreed', dueInDays: -14, done: true },
		{ title: 'First drafts due', dueInDays: 21 },
		{ title: 'Cross-subcommittee peer exchange', dueInDays: 35 },
		{ title: 'Complete drafts to co-chairs', dueInDays: 49 },
	],
	editing: [
		{ title: 'Editorial review complete', dueInDays: 90 },
		{ title: 'Legal review of the model policy', dueInDays: 98 },
		{ title: 'Accessibility review', dueInDays: 103 },
	],
	publishing: [
		{ title: 'Layout and design final', dueInDays: 130 },
		{ title: 'Launch webinar scheduled', dueInDays: 140 },
		{ title: 'Publication', dueInDays: 150 },
	],
}

/**
 * The plan: phase bounds in days relative to the day of seeding (writing began four weeks ago,
 * publication in 150 days). `demoCalendar` keeps the past as planned and stretches or squeezes the
 * future so publication falls in April.
 */
export const PHASE_DAYS: Record<PhaseKind, [number, number]> = {
	research: [-98, -29],
	writing: [-28, 49],
	editing: [50, 105],
	publishing: [106, 150],
}

export const PUBLICATION_IN_DAYS = 150

export type SeedAssignment = {
	title: string
	phase: PhaseKind
	status: AssignmentStatus
	dueInDays: number
	/** Index into SECTIONS when the work is about a section. */
	section?: number
	blockedReason?: string
}

/** Work every subcommittee has, in every status; due dates spread so some are late. */
export const ASSIGNMENT_TEMPLATES: SeedAssignment[] = [
	{ title: 'Collect examples from member cities', phase: 'research', status: 'done', dueInDays: -60 },
	{ title: 'Summarize interviews with practitioners', phase: 'research', status: 'done', dueInDays: -35 },
	{ title: 'Agree the section outline', phase: 'writing', status: 'done', dueInDays: -14 },
	{ title: 'Draft the opening of the section', phase: 'writing', status: 'in_progress', dueInDays: 7 },
	{ title: 'Find two case studies with measurable results', phase: 'writing', status: 'todo', dueInDays: 18 },
	{ title: 'Check sources and citations', phase: 'writing', status: 'todo', dueInDays: -3 },
	{
		title: 'Get sign-off from a city attorney on examples',
		phase: 'writing',
		status: 'blocked',
		dueInDays: 10,
	},
]
