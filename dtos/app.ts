/**
 * The sample contract: device tokens of the Evo Voice API, as its metadata pages describe
 * them (namespace `Voice.Api.App`, given as the application's default namespace).
 */
import { IsDefined, IsNotEmpty, Matches, Max, MaxLength, Min } from 'class-validator'
import {
  Api,
  ApiMember,
  Authenticate,
  Prop,
  RequiredRole,
  ResponseStatus,
  ResponseType,
  Returns,
  ReturnsVoid,
  Route,
  t,
  TypeArgs,
  TypeParams,
  Verb,
  type IDelete,
  type IGet,
  type IPost,
  type IReturn,
  type IReturnVoid,
} from '../src/index'

/** The kinds of device a token can belong to. */
export enum DeviceTypes {
  Web = 'Web',
  iOS = 'iOS',
  Android = 'Android',
}

/** A device token as the API answers it. */
export class DeviceTokenInfo {
  @Prop(t.enum(DeviceTypes)) deviceType?: DeviceTypes
  @Prop() token?: string
}

@Route('/app/tokens', 'POST')
@Api("Create a new device token if it doesn't exist already")
@Authenticate()
@RequiredRole('User')
@Verb('POST')
@ResponseType(() => DeviceTokenInfo)
export class NewDeviceToken implements IPost {
  @ApiMember({ description: 'The type of device' })
  @Prop(t.enum(DeviceTypes))
  @IsDefined()
  deviceType?: DeviceTypes

  @ApiMember({ description: 'The device token to save' })
  @IsNotEmpty()
  @Matches(/\S/, { message: "'Token' must not be blank." })
  @MaxLength(4096)
  token?: string
}

/** One page of a list. */
@TypeParams('T')
export class ListResponse<T> {
  @ApiMember({ description: 'The items' })
  @Prop(t.list(t.param('T')))
  items?: T[]

  @ApiMember({ description: 'The total number of items' })
  @Prop(t.int)
  totalCount?: number

  @ApiMember({ description: 'The total number of pages' })
  @Prop(t.int)
  totalPages?: number

  @ApiMember({ description: 'Whether more pages follow this one' })
  @Prop(t.bool)
  hasMorePages?: boolean
}

/** Which page of a list to answer. */
export class PagedRequest {
  @ApiMember({ description: 'The page to answer, from 1' })
  @Prop(t.nullable(t.int))
  @Min(1)
  page?: number

  @ApiMember({ description: 'How many items a page holds, at most 1000' })
  @Prop(t.nullable(t.int))
  @Min(1)
  @Max(1000)
  countPerPage?: number
}

/** A stored device token, with when it was registered. */
export class DeviceTokenEntry {
  @Prop(t.enum(DeviceTypes)) deviceType?: DeviceTypes
  @Prop() token?: string
  @ApiMember({ description: 'When the token was registered (UTC)' })
  @Prop(t.dateTime)
  dateCreated?: Date
}

@TypeArgs(() => DeviceTokenEntry)
export class ListDeviceTokensResponse extends ListResponse<DeviceTokenEntry> {}

@Route('/app/tokens', 'GET')
@Api('List the device tokens of the signed-in user, newest first')
@Authenticate()
@RequiredRole('User')
@Verb('GET')
@Returns(() => ListDeviceTokensResponse)
export class ListDeviceTokens extends PagedRequest implements IReturn<ListDeviceTokensResponse>, IGet {
  @ApiMember({ description: 'Only tokens of this type of device' })
  @Prop(t.enum(DeviceTypes))
  deviceType?: DeviceTypes
}

@Route('/app/tokens/{token}', 'DELETE')
@Api('Delete one of the device tokens of the signed-in user')
@Authenticate()
@RequiredRole('User')
@Verb('DELETE')
@ReturnsVoid()
export class DeleteDeviceToken implements IReturnVoid, IDelete {
  @ApiMember({ description: 'The device token to delete' })
  @IsNotEmpty()
  token?: string
}

/** The device types a token can be registered for. */
export class GetDeviceTypesResponse {
  @Prop(t.list(t.enum(DeviceTypes))) deviceTypes?: DeviceTypes[]
  @Prop(() => ResponseStatus) responseStatus?: ResponseStatus
}

@Route('/app/device-types', 'GET')
@Api('The types of device a token can be registered for; needs no sign-in')
@Verb('GET')
@Returns(() => GetDeviceTypesResponse)
export class GetDeviceTypes implements IReturn<GetDeviceTypesResponse>, IGet {}
