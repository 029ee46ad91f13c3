import { Component, type ReactNode } from 'react'

type Props = { fallback: ReactNode; children: ReactNode }

/**
 * Catches what the editor throws while React renders it (or creates it in an effect), so a
 * rendering error shows `fallback` — the section's text and a way on — instead of an empty page.
 */
export class EditorErrorBoundary extends Component<Props, { failed: boolean }> {
	override state = { failed: false }

	static getDerivedStateFromError(): { failed: boolean } {
		return { failed: true }
	}

	override componentDidCatch(error: unknown): void {
		console.error('The editor failed to render this section', error)
	}

	override render(): ReactNode {
		return this.state.failed ? this.props.fallback : this.props.children
	}
}
