import { readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * The framework ceiling for server-rendered pages (issue #16): Convene's own server — Express,
 * helmet, our HTTP middleware, React Router and the real route components of the built app — but
 * every route's middleware and loader answered from memory after its first call. So a page costs
 * what the framework and React cost to render it, and nothing of ours: no session lookup, no query,
 * no computation of the data. Started in Convene's folder with Convene's variables; the first
 * request for a page (signed in) fills the memory for that page.
 */
type Args = { request: Request }
type Loader = (args: Args) => unknown
type Middleware = (args: Args, next: () => Promise<unknown>) => unknown
type RouteModule = { loader?: Loader; middleware?: Middleware[] }

/** What a request is remembered by: its method and path (the bench asks each page signed in). */
const keyOf = (args: Args) => `${args.request.method} ${new URL(args.request.url).pathname}`

function remembered(loader: Loader): Loader {
	const answers = new Map<string, Promise<unknown>>()
	return (args) => {
		const key = keyOf(args)
		let answer = answers.get(key)
		if (!answer) {
			answer = Promise.resolve(loader(args))
			answers.set(key, answer)
		}
		return answer
	}
}

function oncePerPage(middleware: Middleware): Middleware {
	const ran = new Set<string>()
	return (args, next) => {
		const key = keyOf(args)
		if (ran.has(key)) return next()
		ran.add(key)
		return middleware(args, next)
	}
}

const assets = path.join(process.cwd(), 'build/server/assets')
const file = readdirSync(assets).find((name) => /^server-build-.+\.js$/.test(name))
if (!file) throw new Error(`no server build in ${assets}: run npm run build`)
// The same file the server's entry imports, so this is the module instance it will use.
const build = (await import(pathToFileURL(path.join(assets, file)).href)) as {
	routes: Record<string, { module: RouteModule }>
}
for (const route of Object.values(build.routes)) {
	const module = route.module
	route.module = {
		...module,
		...(module.loader ? { loader: remembered(module.loader) } : {}),
		...(module.middleware ? { middleware: module.middleware.map(oncePerPage) } : {}),
	}
}
await import(pathToFileURL(path.join(process.cwd(), 'server/main.ts')).href)
