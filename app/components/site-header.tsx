import { Link } from 'react-router'

/** The bar across the top of every page: the product mark and, on the right, whatever the page adds. */
export function SiteHeader({ children }: { children?: React.ReactNode }) {
	return (
		<header className="site-header">
			<Link to="/" className="brand">
				<img src="/favicon.svg" alt="" width="28" height="28" />
				<span>Convene</span>
			</Link>
			<div className="site-header-tools">
				{children}
				<Link to="/login" className="button button-quiet">
					Sign in
				</Link>
			</div>
		</header>
	)
}
