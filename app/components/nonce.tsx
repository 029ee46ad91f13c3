import { createContext, useContext } from 'react'

/** The response's CSP nonce, so inline hydration scripts are allowed and nothing else is. */
export const NonceContext = createContext<string | undefined>(undefined)

export function useNonce() {
	return useContext(NonceContext)
}
