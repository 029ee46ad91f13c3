type Props = {
	label: string
	/** For the table a page is about: grows to most of the screen's height before it scrolls. */
	tall?: boolean
	children: React.ReactNode
}

/** A table's frame: scrolls sideways on a phone and down past its height, keeping the header in view. */
export function TableScroll({ label, tall = false, children }: Props) {
	const className = tall ? 'table-scroll table-scroll-tall' : 'table-scroll'
	return (
		// biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so keyboard users can scroll it (WCAG 2.1.1).
		<section className={className} aria-label={label} tabIndex={0}>
			{children}
		</section>
	)
}
