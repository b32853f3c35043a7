/**
 * Decorators of services and of access rules. Rules go on a request DTO, a service class
 * or a service method; the registry merges the three into one set per operation, which
 * every route of the operation enforces and the metadata pages show.
 */
import type { RequestFilterFn, ResponseFilterFn } from './contracts'
import { handlerRecords, rulesRecord, type RulesRecord } from './records'

type RuleDecorator = (target: object, key?: string | symbol) => void

function rule(apply: (rules: RulesRecord) => void): RuleDecorator {
  return (target, key) => {
    const owner = key === undefined ? (target as Function) : (target.constructor as Function)
    apply(rulesRecord(owner, key === undefined ? undefined : String(key)))
  }
}

/**
 * Marks a service method as the handler of a request DTO. The method's name is the verb
 * it answers: `get`, `post`, `put`, `patch`, `delete`, or `any` for every verb without its
 * own method. The DTO class is read from the first parameter's type, or given here.
 *
 * @example
 * export class DeviceTokenServices {
 *   @Handles()
 *   async post(request: NewDeviceToken, ctx: RequestContext) { ... }
 * }
 */
export function Handles(request?: () => Function): MethodDecorator {
  return (target, key) => {
    handlerRecords(target.constructor).push({ method: String(key), request })
  }
}

/** Requires valid credentials: requests without them are answered 401. */
export function Authenticate(): RuleDecorator {
  return rule((rules) => {
    rules.authenticate = true
  })
}

/** Requires every one of the roles (403 otherwise); implies `@Authenticate`. */
export function RequiredRole(...roles: string[]): RuleDecorator {
  return rule((rules) => {
    rules.roles.unshift(...roles)
  })
}

/** Requires at least one of the roles (403 otherwise); implies `@Authenticate`. */
export function RequiresAnyRole(...roles: string[]): RuleDecorator {
  return rule((rules) => {
    rules.anyRoles.unshift(...roles)
  })
}

/** Requires every one of the permissions (403 otherwise); implies `@Authenticate`. */
export function RequiredPermission(...permissions: string[]): RuleDecorator {
  return rule((rules) => {
    rules.permissions.unshift(...permissions)
  })
}

/** Requires at least one of the permissions (403 otherwise); implies `@Authenticate`. */
export function RequiresAnyPermission(...permissions: string[]): RuleDecorator {
  return rule((rules) => {
    rules.anyPermissions.unshift(...permissions)
  })
}

/** Runs a filter before the operation's service (after auth and binding). */
export function RequestFilter(filter: RequestFilterFn): RuleDecorator {
  return rule((rules) => {
    rules.requestFilters.unshift(filter)
  })
}

/** Runs a filter on the operation's response before it is written. */
export function ResponseFilter(filter: ResponseFilterFn): RuleDecorator {
  return rule((rules) => {
    rules.responseFilters.unshift(filter)
  })
}
