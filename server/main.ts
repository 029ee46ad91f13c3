import { mkdirSync, readdirSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import compression from 'compression'
import express, { type RequestHandler } from 'express'
import { closeDatabase, openDatabase } from '#db/client.server.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { isDatabaseEmpty, seedDemo } from '#db/seed/demo.ts'
import { startWalCheckpointer } from '#db/wal-checkpointer.server.ts'
import { ConfigError, loadConfig } from './config.server.ts'
import { csrfProtection } from './http/csrf.server.ts'
import { healthCheck } from './http/health.server.ts'
import { metricsEndpoint } from './http/metrics-endpoint.server.ts'
import { boundedRequestBody } from './http/request-body.server.ts'
import { requestLogging } from './http/request-logging.server.ts'
import { cspNonce, securityHeaders } from './http/security-headers.server.ts'
import { createUpgradeHandler } from './http/upgrade-routing.server.ts'
import { createLogger } from './logger.server.ts'

const ROOT = path.resolve(import.meta.dirname, '..')

function readConfig() {
	try {
		return loadConfig(process.env)
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error
		process.stderr.write(`${error.message}\n`)
		process.exit(1)
	}
}

const config = readConfig()
const logger = createLogger(config.logLevel)
const development = config.env === 'development'

mkdirSync(config.dataDir, { recursive: true })
const db = openDatabase(config.databaseFile)
migrateDatabase(db)
if (config.seed === 'demo' && isDatabaseEmpty(db)) {
	const summary = await seedDemo(db, { today: new Date() })
	logger.info({ seed: summary }, 'seeded the demo task force into an empty database')
}

const checkpointer = startWalCheckpointer(db, config.databaseFile, {
	onError: (error) =>
		logger.error({ err: error }, 'WAL checkpoint worker failed; checkpointing on the main thread'),
})

// The bundle (or, in development, Vite's module graph of the same entry) supplies the request
// handler and every stateful part of the process, so HTTP and WebSocket share one instance of each
// module (ADR 001). This file imports only process plumbing from server/: config, logger, http/.
const app = express()
const server = http.createServer(app)
const vite = development
	? await (await import('vite')).createServer({
			// HMR shares our HTTP server, which is why the upgrade handler leaves non-/collab sockets alone.
			server: { middlewareMode: true, hmr: { server } },
			appType: 'custom',
		})
	: undefined
const appModule = (
	vite ? await vite.ssrLoadModule('./server/app.ts') : await import(path.join(ROOT, 'build/server/index.js'))
) as typeof import('./app.ts')
const { services, metrics, collab, collabUpgrade, backups, mail, notificationJobs } =
	appModule.createLiveServices({
		db,
		config,
		logger,
	})

app.disable('x-powered-by')
app.use(requestLogging(logger))
// Development has no nonce: Vite's inline scripts need 'unsafe-inline', which a nonce would disable.
if (!development) app.use(cspNonce)
app.use(securityHeaders({ publicOrigin: config.publicOrigin, development }))
app.get('/healthz', healthCheck(db))
app.get('/metrics', metricsEndpoint(metrics.registry, config.metricsToken))
app.use(csrfProtection(config.publicOrigin))
// Every body is read here, within its route's limit (413/415 otherwise), before any route runs;
// the React Router adapter takes it from `req.body`, never from the socket.
app.use(boundedRequestBody())
if (vite) {
	app.use(vite.middlewares)
} else {
	const client = path.join(ROOT, 'build/client')
	// Hashed file names change with their content, so a year-long immutable cache is safe. Scripts
	// and styles go compressed (brotli or gzip, as the browser accepts); pages do not (ADR 012).
	app.use(
		'/assets',
		compression(),
		express.static(path.join(client, 'assets'), { immutable: true, maxAge: '1y' }),
	)
	// The few files at the top (favicon …), by name: a static handler for all of `client` would
	// ask the file system about every page's path before the page could render.
	const topFiles = new Set(
		readdirSync(client, { withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => `/${entry.name}`),
	)
	const serveTopFile = express.static(client, { maxAge: '1h', index: false })
	app.use((req, res, next) => (topFiles.has(req.path) ? serveTopFile(req, res, next) : next()))
}
app.use(appModule.createAppHandler(services) as RequestHandler)

server.on('upgrade', createUpgradeHandler({ development, logger, collab: collabUpgrade.handle }))
server.listen(config.port, () => {
	logger.info({ port: config.port, env: config.env, dataDir: config.dataDir }, 'Convene is listening')
})

let stopping = false
function shutdown(signal: string) {
	if (stopping) return
	stopping = true
	logger.info({ signal }, 'shutting down: no new connections, finishing requests')
	// Sockets first: pending edits are committed and clients told to reconnect (1012) before the
	// database closes.
	collab.shutdown()
	collabUpgrade.close()
	// No new backup starts; one in progress is stopped and its partial file removed.
	const backupsStopped = backups.stop()
	// No new email is taken from the outbox; one being handed to the SMTP server finishes first.
	const mailStopped = mail.stop()
	notificationJobs.stop()
	const deadline = setTimeout(() => {
		logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; closing connections')
		server.closeAllConnections()
		closeDatabase(db)
		process.exit(1)
	}, config.shutdownTimeoutMs)
	deadline.unref()
	// Keep-alive sockets go idle once their response is sent; close them as they do rather than
	// waiting out the keep-alive timeout.
	const closeIdle = setInterval(() => server.closeIdleConnections(), 100)
	server.close(async () => {
		clearInterval(closeIdle)
		await vite?.close()
		await backupsStopped
		await mailStopped
		await checkpointer.stop()
		closeDatabase(db)
		clearTimeout(deadline)
		logger.info('stopped')
		process.exit(0)
	})
	server.closeIdleConnections()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
