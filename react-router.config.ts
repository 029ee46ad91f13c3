import type { Config } from '@react-router/dev/config'

export default {
	ssr: true,
	future: {
		// Middleware validates the session once per request (issue #3) and hands services to loaders.
		v8_middleware: true,
	},
} satisfies Config
