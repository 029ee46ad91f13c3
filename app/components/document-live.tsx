import { useEffect, useRef } from 'react'
import { useNavigation, useRevalidator } from 'react-router'

/** Whether the person is typing or choosing in a field, where a refresh would get in the way. */
function isEditingField(): boolean {
	const active = document.activeElement
	return (
		active instanceof HTMLInputElement ||
		active instanceof HTMLTextAreaElement ||
		active instanceof HTMLSelectElement
	)
}

/**
 * Reloads the page's data every `intervalMs` while the page is visible, so "here now", word counts
 * and statuses stay current without a socket per section. It pauses while the tab is hidden
 * (catching up at once when it comes back), while a form is being sent, and while someone is in a
 * field, so a refresh never lands in the middle of their typing.
 */
export function useLiveRevalidation(intervalMs = 10_000) {
	const revalidator = useRevalidator()
	const navigation = useNavigation()
	// The interval outlives renders; it reads the latest state through refs rather than restarting.
	const latest = useRef({ revalidator, navigation })
	latest.current = { revalidator, navigation }

	useEffect(() => {
		let timer: ReturnType<typeof setInterval> | undefined
		const refresh = () => {
			const { revalidator, navigation } = latest.current
			if (document.visibilityState !== 'visible' || isEditingField()) return
			if (navigation.state !== 'idle' || revalidator.state !== 'idle') return
			void revalidator.revalidate()
		}
		const start = () => {
			if (timer === undefined) timer = setInterval(refresh, intervalMs)
		}
		const stop = () => {
			clearInterval(timer)
			timer = undefined
		}
		const onVisibility = () => {
			if (document.visibilityState === 'visible') {
				refresh()
				start()
			} else stop()
		}
		if (document.visibilityState === 'visible') start()
		document.addEventListener('visibilitychange', onVisibility)
		return () => {
			stop()
			document.removeEventListener('visibilitychange', onVisibility)
		}
	}, [intervalMs])
}
