/**
 * Small line icons for the toolbar and status line. Always decorative (`aria-hidden`): the button's
 * label or the status words carry the meaning.
 */
const PATHS = {
	bulletList: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
	orderedList:
		'M10 6h10M10 12h10M10 18h10M4 4.5h1.5V9M4 9h3M4 14.5c.5-.7 2.5-.9 2.8.3.3 1.3-2.8 2.5-2.8 4.2h3',
	quote: 'M5 7h5v5c0 2.5-1.5 4-4 5M14 7h5v5c0 2.5-1.5 4-4 5',
	link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
	table: 'M4 5h16v14H4zM4 10h16M4 15h16M10 5v14',
	check: 'M5 12.5l4.5 4.5L19 7.5',
	sync: 'M20 11a8 8 0 0 0-14.3-4.3L4 9M4 4v5h5M4 13a8 8 0 0 0 14.3 4.3L20 15M20 20v-5h-5',
	offline:
		'M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 13a10 10 0 0 1 4.5-2.6M19 13a10 10 0 0 0-2.2-1.6M2 9.5a14 14 0 0 1 4.3-2.6M12 20h.01',
	lock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
	stop: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8.5 8.5l7 7M15.5 8.5l-7 7',
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name }: { name: IconName }) {
	return (
		<svg
			className="editor-icon"
			viewBox="0 0 24 24"
			width="18"
			height="18"
			fill="none"
			stroke="currentColor"
			strokeWidth="2"
			strokeLinecap="round"
			strokeLinejoin="round"
			aria-hidden="true"
			focusable="false"
		>
			<path d={PATHS[name]} />
		</svg>
	)
}
