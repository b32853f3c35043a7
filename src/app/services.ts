/** The sample app's services: device tokens of the signed-in user. */
import {
  ApiError,
  Handles,
  type RequestContext,
} from '../index'
import {
  DeleteDeviceToken,
  DeviceTokenEntry,
  DeviceTokenInfo,
  DeviceTypes,
  GetDeviceTypes,
  GetDeviceTypesResponse,
  ListDeviceTokens,
  ListDeviceTokensResponse,
  NewDeviceToken,
} from '../../dtos/app'
import type { DeviceTokenTable } from './tables'

/** What the services are built with. */
export interface AppDeps {
  readonly tokens: DeviceTokenTable
}

export class DeviceTokenServices {
  constructor(private readonly deps: AppDeps) {}

  @Handles()
  post(request: NewDeviceToken, ctx: RequestContext): DeviceTokenInfo {
    const row = this.deps.tokens.add(signedIn(ctx), request.deviceType!, request.token!)
    return Object.assign(new DeviceTokenInfo(), { deviceType: row.deviceType, token: row.token })
  }

  @Handles()
  get(request: ListDeviceTokens, ctx: RequestContext): ListDeviceTokensResponse {
    const page = request.page ?? 1
    const size = request.countPerPage ?? 100
    const { rows, total } = this.deps.tokens.list(signedIn(ctx), {
      deviceType: request.deviceType,
      limit: size,
      offset: (page - 1) * size,
    })
    const totalPages = Math.ceil(total / size)
    return Object.assign(new ListDeviceTokensResponse(), {
      items: rows.map((row) =>
        Object.assign(new DeviceTokenEntry(), {
          deviceType: row.deviceType,
          token: row.token,
          dateCreated: row.createdAt,
        }),
      ),
      totalCount: total,
      totalPages,
      hasMorePages: page < totalPages,
    })
  }

  @Handles()
  delete(request: DeleteDeviceToken, ctx: RequestContext): void {
    if (!this.deps.tokens.delete(signedIn(ctx), request.token!)) {
      throw ApiError.notFound('You have no such device token')
    }
  }

  @Handles()
  getDeviceTypes(_request: GetDeviceTypes): GetDeviceTypesResponse {
    return Object.assign(new GetDeviceTypesResponse(), { deviceTypes: Object.values(DeviceTypes) })
  }
}

function signedIn(ctx: RequestContext): number {
  // The operations that call this require authentication, so a user is always there.
  if (!ctx.user) throw ApiError.unauthorized()
  return ctx.user.id
}
