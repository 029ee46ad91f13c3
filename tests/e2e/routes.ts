/** The URL patterns of app/routes.ts, for tests that visit every route. */

export type RouteEntry = { path?: string; index?: boolean; children?: RouteEntry[] }

/** Every URL pattern in app/routes.ts, parents joined to children. */
export function flattenRoutes(entries: RouteEntry[], parent = ''): string[] {
	return entries.flatMap((entry) => {
		const path = entry.index ? parent || '/' : `${parent}/${entry.path ?? ''}`.replace(/\/+/g, '/')
		return [
			...(entry.children ? flattenRoutes(entry.children, path) : []),
			...(entry.children && !entry.index ? [] : [path]),
		]
	})
}
