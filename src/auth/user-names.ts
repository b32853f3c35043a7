/**
 * User names as they are stored and compared: NFKC-normalised, so look-alikes written
 * with compatibility characters (a Kelvin sign for K, full-width letters) are the same name.
 */
import { hash } from 'node:crypto'

/** What a user name may hold: 2 to 64 ASCII letters, digits and `. _ @ + -`. */
export const userNamePattern = /^[A-Za-z0-9._@+-]{2,64}$/

/** The stored form of a user name. */
export function normalizeUserName(name: string): string {
  return name.normalize('NFKC').trim()
}

/** The key sign-in attempts of a name are counted under: fixed length, any case. */
export function attemptKeyOf(name: string): string {
  return `user:${hash('sha256', normalizeUserName(name).toLowerCase(), 'hex')}`
}
