import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/**
 * Prometheus metrics of the process: the collaboration server's own and Node's defaults
 * (event-loop delay, heap, RSS). One registry per process, served by `/metrics`.
 */
export function createCollabMetrics() {
	const registry = new Registry()
	collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 })
	const seconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
	return {
		registry,
		connections: new Gauge({
			name: 'convene_collab_connections',
			help: 'Open collaboration sockets',
			labelNames: ['access'],
			registers: [registry],
		}),
		documents: new Gauge({
			name: 'convene_collab_open_documents',
			help: 'Sections loaded in memory',
			registers: [registry],
		}),
		updates: new Counter({
			name: 'convene_collab_updates_total',
			help: 'Document updates applied and stored',
			registers: [registry],
		}),
		bytesIn: new Counter({
			name: 'convene_collab_bytes_in_total',
			help: 'Bytes received on collaboration sockets',
			registers: [registry],
		}),
		bytesOut: new Counter({
			name: 'convene_collab_bytes_out_total',
			help: 'Bytes sent on collaboration sockets',
			registers: [registry],
		}),
		rejections: new Counter({
			name: 'convene_collab_rejections_total',
			help: 'Upgrades refused, messages dropped and sockets closed, by reason',
			labelNames: ['reason'],
			registers: [registry],
		}),
		syncEncodes: new Counter({
			name: 'convene_collab_sync_encodes_total',
			help: 'Document states encoded to answer a sync step 1, by kind (full, up_to_date, diff)',
			labelNames: ['kind'],
			registers: [registry],
		}),
		fanout: new Histogram({
			name: 'convene_collab_fanout_seconds',
			help: 'From receiving an update to handing the broadcast to every peer',
			buckets: seconds,
			registers: [registry],
		}),
		commit: new Histogram({
			name: 'convene_collab_commit_seconds',
			help: 'SQLite commit of a batch of updates',
			buckets: seconds,
			registers: [registry],
		}),
		load: new Histogram({
			name: 'convene_collab_load_seconds',
			help: 'Loading a section from snapshot and log',
			buckets: seconds,
			registers: [registry],
		}),
		compaction: new Histogram({
			name: 'convene_collab_compaction_seconds',
			help: 'Folding the log into a snapshot',
			buckets: seconds,
			registers: [registry],
		}),
	}
}

export type CollabMetrics = ReturnType<typeof createCollabMetrics>
