import { createContext, useContext } from 'react'

/**
 * The response's CSP nonce, so inline hydration scripts are allowed and nothing else is.
 * Browsers hide a nonce from the DOM once the page loads (the attribute reads ""), so the client
 * renders "" too and hydration matches.
 */
export const NonceContext = createContext<string>('')

export function useNonce() {
	return useContext(NonceContext)
}
