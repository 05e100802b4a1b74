/** Proxy variables a developer's shell or a CI runner may carry; cleared so tests talk to 127.0.0.1 directly. */
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']

/** Clears the proxy variables, applies `values`, and returns a function that restores what was there. */
export function setProxyEnv(values: Record<string, string> = {}): () => void {
  const saved = new Map(PROXY_VARIABLES.map(name => [name, process.env[name]]))
  for (const name of PROXY_VARIABLES) delete process.env[name]
  Object.assign(process.env, values)
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

/** A project key shaped like the real ones (sk-proj- + 156 characters); fake, and long enough to be masked. */
export const LIVE_KEY = `sk-proj-${'Zq4xW8rTn2Lp6Vb0'.repeat(9)}Hk3m5Nt7P9sR1`
export const DEAD_KEY = `sk-proj-${'Dd9eAd1KeY5mQ2uE'.repeat(9)}Xx3y5Zz7W9vU1`
