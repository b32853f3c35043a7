/* Options:
Date: 2026-12-03 18:15:23
Version: 0.1
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: http://localhost:5000

//GlobalNamespace: 
//MakePropertiesOptional: True
//AddServiceStackTypes: True
//AddResponseStatus: False
//AddImplicitVersion: 
//AddDescriptionAsComments: True
//IncludeTypes: 
//ExcludeTypes: 
//DefaultImports: 
*/


export interface IReturn<T>
{
    createResponse(): T;
}

export interface IReturnVoid
{
    createResponse(): void;
}

export interface IPost
{
}

export interface IGet
{
}

export interface IDelete
{
}

// @DataContract
export class ResponseError
{
    // @DataMember(Order=1)
    public errorCode?: string;

    // @DataMember(Order=2)
    public fieldName?: string;

    // @DataMember(Order=3)
    public message?: string;

    // @DataMember(Order=4)
    public meta?: { [index: string]: string; };

    public constructor(init?: Partial<ResponseError>) { (Object as any).assign(this, init); }
}

// @DataContract
export class ResponseStatus
{
    // @DataMember(Order=1)
    public errorCode?: string;

    // @DataMember(Order=2)
    public message?: string;

    // @DataMember(Order=3)
    public stackTrace?: string;

    // @DataMember(Order=4)
    public errors?: ResponseError[];

    // @DataMember(Order=5)
    public meta?: { [index: string]: string; };

    public constructor(init?: Partial<ResponseStatus>) { (Object as any).assign(this, init); }
}

export enum DeviceTypes
{
    Web = 'Web',
    iOS = 'iOS',
    Android = 'Android',
}

export class PagedRequest
{
    /**
    * The page to answer, from 1
    */
    // @ApiMember(Description="The page to answer, from 1")
    public page?: number;

    /**
    * How many items a page holds, at most 1000
    */
    // @ApiMember(Description="How many items a page holds, at most 1000")
    public countPerPage?: number;

    public constructor(init?: Partial<PagedRequest>) { (Object as any).assign(this, init); }
}

export class ListResponse<T>
{
    /**
    * The items
    */
    // @ApiMember(Description="The items")
    public items?: T[];

    /**
    * The total number of items
    */
    // @ApiMember(Description="The total number of items")
    public totalCount?: number;

    /**
    * The total number of pages
    */
    // @ApiMember(Description="The total number of pages")
    public totalPages?: number;

    /**
    * Whether more pages follow this one
    */
    // @ApiMember(Description="Whether more pages follow this one")
    public hasMorePages?: boolean;

    public constructor(init?: Partial<ListResponse<T>>) { (Object as any).assign(this, init); }
}

export class DeviceTokenEntry
{
    public deviceType?: DeviceTypes;
    public token?: string;
    /**
    * When the token was registered (UTC)
    */
    // @ApiMember(Description="When the token was registered (UTC)")
    public dateCreated?: string;

    public constructor(init?: Partial<DeviceTokenEntry>) { (Object as any).assign(this, init); }
}

// @DataContract
export class AuthenticateResponse
{
    // @DataMember(Order=1)
    public userId?: string;

    // @DataMember(Order=2)
    public sessionId?: string;

    // @DataMember(Order=3)
    public userName?: string;

    // @DataMember(Order=4)
    public displayName?: string;

    // @DataMember(Order=5)
    public referrerUrl?: string;

    // @DataMember(Order=6)
    public bearerToken?: string;

    // @DataMember(Order=7)
    public refreshToken?: string;

    // @DataMember(Order=8)
    public refreshTokenExpiry?: string;

    // @DataMember(Order=9)
    public profileUrl?: string;

    // @DataMember(Order=10)
    public roles?: string[];

    // @DataMember(Order=11)
    public permissions?: string[];

    // @DataMember(Order=12)
    public authProvider?: string;

    // @DataMember(Order=13)
    public responseStatus?: ResponseStatus;

    // @DataMember(Order=14)
    public meta?: { [index: string]: string; };

    public constructor(init?: Partial<AuthenticateResponse>) { (Object as any).assign(this, init); }
}

// @DataContract
export class GetAccessTokenResponse
{
    // @DataMember(Order=1)
    public accessToken?: string;

    // @DataMember(Order=2)
    public meta?: { [index: string]: string; };

    // @DataMember(Order=3)
    public responseStatus?: ResponseStatus;

    public constructor(init?: Partial<GetAccessTokenResponse>) { (Object as any).assign(this, init); }
}

export class DeviceTokenInfo
{
    public deviceType?: DeviceTypes;
    public token?: string;

    public constructor(init?: Partial<DeviceTokenInfo>) { (Object as any).assign(this, init); }
}

export class ListDeviceTokensResponse extends ListResponse<DeviceTokenEntry>
{

    public constructor(init?: Partial<ListDeviceTokensResponse>) { super(init); (Object as any).assign(this, init); }
}

export class GetDeviceTypesResponse
{
    public deviceTypes?: DeviceTypes[];
    public responseStatus?: ResponseStatus;

    public constructor(init?: Partial<GetDeviceTypesResponse>) { (Object as any).assign(this, init); }
}

/**
* Sign in, see the current session, or sign out
*/
// @Route("/auth")
// @Route("/auth/{provider}")
// @Api(Description="Sign in, see the current session, or sign out")
// @DataContract
export class Authenticate implements IReturn<AuthenticateResponse>, IPost
{
    // @DataMember(Order=1)
    public provider?: string;

    // @DataMember(Order=2)
    public userName?: string;

    // @DataMember(Order=3)
    public password?: string;

    // @DataMember(Order=4)
    public rememberMe?: boolean;

    // @DataMember(Order=5)
    public accessToken?: string;

    // @DataMember(Order=6)
    public accessTokenSecret?: string;

    // @DataMember(Order=7)
    public returnUrl?: string;

    // @DataMember(Order=8)
    public errorView?: string;

    // @DataMember(Order=9)
    public meta?: { [index: string]: string; };

    public constructor(init?: Partial<Authenticate>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'Authenticate'; }
    public getMethod() { return 'POST'; }
    public createResponse() { return new AuthenticateResponse(); }
}

/**
* Exchange a refresh token for a new bearer token
*/
// @Route("/access-token")
// @Api(Description="Exchange a refresh token for a new bearer token")
// @DataContract
export class GetAccessToken implements IReturn<GetAccessTokenResponse>, IPost
{
    // @DataMember(Order=1)
    public refreshToken?: string;

    // @DataMember(Order=2)
    public useTokenCookie?: boolean;

    // @DataMember(Order=3)
    public meta?: { [index: string]: string; };

    public constructor(init?: Partial<GetAccessToken>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'GetAccessToken'; }
    public getMethod() { return 'POST'; }
    public createResponse() { return new GetAccessTokenResponse(); }
}

/**
* Create a new device token if it doesn't exist already
*/
// @Route("/app/tokens", "POST")
// @Api(Description="Create a new device token if it doesn't exist already")
export class NewDeviceToken implements IPost
{
    /**
    * The type of device
    */
    // @ApiMember(Description="The type of device")
    public deviceType?: DeviceTypes;

    /**
    * The device token to save
    */
    // @ApiMember(Description="The device token to save")
    public token?: string;

    public constructor(init?: Partial<NewDeviceToken>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'NewDeviceToken'; }
    public getMethod() { return 'POST'; }
    public createResponse() { return new DeviceTokenInfo(); }
}

/**
* List the device tokens of the signed-in user, newest first
*/
// @Route("/app/tokens", "GET")
// @Api(Description="List the device tokens of the signed-in user, newest first")
export class ListDeviceTokens extends PagedRequest implements IReturn<ListDeviceTokensResponse>, IGet
{
    /**
    * Only tokens of this type of device
    */
    // @ApiMember(Description="Only tokens of this type of device")
    public deviceType?: DeviceTypes;

    public constructor(init?: Partial<ListDeviceTokens>) { super(init); (Object as any).assign(this, init); }
    public getTypeName() { return 'ListDeviceTokens'; }
    public getMethod() { return 'GET'; }
    public createResponse() { return new ListDeviceTokensResponse(); }
}

/**
* Delete one of the device tokens of the signed-in user
*/
// @Route("/app/tokens/{token}", "DELETE")
// @Api(Description="Delete one of the device tokens of the signed-in user")
export class DeleteDeviceToken implements IReturnVoid, IDelete
{
    /**
    * The device token to delete
    */
    // @ApiMember(Description="The device token to delete")
    public token?: string;

    public constructor(init?: Partial<DeleteDeviceToken>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'DeleteDeviceToken'; }
    public getMethod() { return 'DELETE'; }
    public createResponse() {}
}

/**
* The types of device a token can be registered for; needs no sign-in
*/
// @Route("/app/device-types", "GET")
// @Api(Description="The types of device a token can be registered for; needs no sign-in")
export class GetDeviceTypes implements IReturn<GetDeviceTypesResponse>, IGet
{

    public constructor(init?: Partial<GetDeviceTypes>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'GetDeviceTypes'; }
    public getMethod() { return 'GET'; }
    public createResponse() { return new GetDeviceTypesResponse(); }
}

