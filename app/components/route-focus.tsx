import { useEffect, useRef } from 'react'
import { useLocation, useNavigationType } from 'react-router'

/** What names a page: its main heading. Every page has one `h1` in `main`. */
const HEADING = 'main h1'
/** A form's message about the whole submission ("Email or password is incorrect."). */
const ERROR_SUMMARY = 'main .form-error'

/** Focuses an element that is not focusable by Tab (a heading, a message) without scrolling to it. */
function focusProgrammatically(element: HTMLElement) {
	if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1')
	// Scroll position is ScrollRestoration's: top for a new page, the old place on Back.
	element.focus({ preventScroll: true })
}

function focusHeading() {
	const heading = document.querySelector<HTMLElement>(HEADING)
	if (heading) focusProgrammatically(heading)
}

/**
 * Where keyboard and screen-reader users land after a client-side navigation, which (unlike a
 * full page load) leaves focus on whatever link or button started it:
 * - a new page: its main heading, so the page's name is read and Tab starts from the top of it;
 * - the same page again (a form posted back, filters applied): focus stays where it was — on the
 *   field the form already focused, or the control that was used — unless the form answered with
 *   an error summary, which takes focus so it is read; and if the focused element went away, the
 *   heading takes it rather than the document.
 * The first load keeps the browser's own focus. Back and Forward within one page (hash links) are
 * left alone.
 */
export function RouteFocus() {
	const location = useLocation()
	const navigationType = useNavigationType()
	const previous = useRef<{ key: string; pathname: string } | null>(null)

	useEffect(() => {
		const before = previous.current
		previous.current = { key: location.key, pathname: location.pathname }
		if (!before || before.key === location.key) return
		if (before.pathname !== location.pathname) {
			focusHeading()
			return
		}
		if (navigationType === 'POP') return
		// A form shows the answer's errors one render later (conform reads them in its own effect).
		const frame = requestAnimationFrame(() => {
			const active = document.activeElement
			if (active?.getAttribute('aria-invalid') === 'true') return
			const summary = document.querySelector<HTMLElement>(ERROR_SUMMARY)
			if (summary) focusProgrammatically(summary)
			else if (!active || active === document.body) focusHeading()
		})
		return () => cancelAnimationFrame(frame)
	}, [location.key, location.pathname, navigationType])

	return null
}
