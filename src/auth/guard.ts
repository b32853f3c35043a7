/** Enforces an operation's merged access rules, the same way on every route shape. */
import type { UserInfo } from '../contract/contracts'
import { ApiError } from '../errors/api-error'
import type { AuthRules } from '../registry/model'

/** The challenge sent with every 401, naming the login ServiceStack's clients use. */
export const authChallenge = 'credentials realm="/auth/credentials"'

/** The 401 of missing or refused credentials, with the challenge ServiceStack's clients expect. */
export function notAuthenticated(message = 'Not Authenticated'): ApiError {
  return new ApiError('Unauthorized', message, { headers: { 'WWW-Authenticate': authChallenge } })
}

/**
 * Throws 401 when the rules need a user and there is none, 403 when the user lacks a
 * role or permission. The admin role passes every role and permission check.
 */
export function assertAllowed(
  rules: AuthRules,
  user: UserInfo | undefined,
  options: { adminRole: string; refusal?: string },
): void {
  if (!rules.requiresAuth) return
  if (!user) throw notAuthenticated(options.refusal)
  const adminRole = options.adminRole
  if (user.roles.includes(adminRole)) return
  const hasRole = (role: string) => user.roles.includes(role)
  if (!rules.roles.every(hasRole) || (rules.anyRoles.length > 0 && !rules.anyRoles.some(hasRole))) {
    throw ApiError.forbidden('Invalid Role')
  }
  const hasPermission = (p: string) => user.permissions.includes(p)
  if (
    !rules.permissions.every(hasPermission) ||
    (rules.anyPermissions.length > 0 && !rules.anyPermissions.some(hasPermission))
  ) {
    throw ApiError.forbidden('Invalid Permission')
  }
}
