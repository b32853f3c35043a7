/** API keys: long random secrets a user calls the API with, stored only as hashes. */
import { hash, randomBytes } from 'node:crypto'

/** Every key starts so, which tells it from a JWT or a session id. */
export const apiKeyPrefix = 'ak_'

/** A new key: `ak_` and 43 URL-safe characters (32 random bytes). */
export function createApiKey(): string {
  return apiKeyPrefix + randomBytes(32).toString('base64url')
}

/** The form of a key that the store keeps. */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex')
}
