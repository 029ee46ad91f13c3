// Worker threads do not inherit tsx's loader: register it here, then run the TypeScript worker.
// The same relative path finds it from server/collab/ (source) and from build/server/ (the bundle,
// where vite.config.ts copies this file); production runs under tsx too, so the source is there.
import { register } from 'tsx/esm/api'

register()
await import(new URL('../../server/collab/section-load-worker.server.ts', import.meta.url).href)
