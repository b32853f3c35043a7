/** ServiceStack's authentication DTOs, as its clients send and read them. */
import { Api, DataContract, DataMember, Namespace, Prop, Returns, Route, Tag, Verb } from '../contract/decorators'
import type { IPost, IReturn } from '../contract/contracts'
import { t } from '../contract/types'
import { ResponseStatus, serviceStackXmlNamespace } from '../contract/wire'

/** What a sign-in answers: who is signed in, and the tokens to stay so. */
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
export class AuthenticateResponse {
  @DataMember({ order: 1 }) userId?: string
  @DataMember({ order: 2 }) sessionId?: string
  @DataMember({ order: 3 }) userName?: string
  @DataMember({ order: 4 }) displayName?: string
  @DataMember({ order: 5 }) referrerUrl?: string
  @DataMember({ order: 6 }) bearerToken?: string
  @DataMember({ order: 7 }) refreshToken?: string
  @DataMember({ order: 8 }) @Prop(t.nullable(t.dateTime)) refreshTokenExpiry?: Date
  @DataMember({ order: 9 }) profileUrl?: string
  @DataMember({ order: 10 }) @Prop(t.list(t.string)) roles?: string[]
  @DataMember({ order: 11 }) @Prop(t.list(t.string)) permissions?: string[]
  @DataMember({ order: 12 }) authProvider?: string
  @DataMember({ order: 13 }) @Prop(() => ResponseStatus) responseStatus?: ResponseStatus
  @DataMember({ order: 14 }) @Prop(t.map(t.string)) meta?: Record<string, string>
}

/**
 * Signs in (`provider` `credentials`, or none with a user name), reports the current
 * session (no provider, no user name) or signs out (`provider` `logout`).
 */
@Route('/auth')
@Route('/auth/{provider}')
@Api('Sign in, see the current session, or sign out')
@Tag('auth')
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
@Verb('POST')
@Returns(() => AuthenticateResponse)
export class Authenticate implements IReturn<AuthenticateResponse>, IPost {
  @DataMember({ order: 1, name: 'provider' }) provider?: string
  @DataMember({ order: 2 }) userName?: string
  @DataMember({ order: 3 }) password?: string
  @DataMember({ order: 4 }) @Prop(t.nullable(t.bool)) rememberMe?: boolean
  @DataMember({ order: 5 }) accessToken?: string
  @DataMember({ order: 6 }) accessTokenSecret?: string
  @DataMember({ order: 7 }) returnUrl?: string
  @DataMember({ order: 8 }) errorView?: string
  @DataMember({ order: 9 }) @Prop(t.map(t.string)) meta?: Record<string, string>
}

/** A new bearer token for a refresh token. */
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
export class GetAccessTokenResponse {
  @DataMember({ order: 1 }) accessToken?: string
  @DataMember({ order: 2 }) @Prop(t.map(t.string)) meta?: Record<string, string>
  @DataMember({ order: 3 }) @Prop(() => ResponseStatus) responseStatus?: ResponseStatus
}

/** Exchanges a refresh token for a new bearer token, as ServiceStack's clients do on a 401. */
@Route('/access-token')
@Api('Exchange a refresh token for a new bearer token')
@Tag('auth')
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
@Verb('POST')
@Returns(() => GetAccessTokenResponse)
export class GetAccessToken implements IReturn<GetAccessTokenResponse>, IPost {
  @DataMember({ order: 1 }) refreshToken?: string
  @DataMember({ order: 2 }) @Prop(t.nullable(t.bool)) useTokenCookie?: boolean
  @DataMember({ order: 3 }) @Prop(t.map(t.string)) meta?: Record<string, string>
}

/** What a registration answers. */
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
export class RegisterResponse {
  @DataMember({ order: 1 }) userId?: string
  @DataMember({ order: 2 }) sessionId?: string
  @DataMember({ order: 3 }) userName?: string
  @DataMember({ order: 4 }) referrerUrl?: string
  @DataMember({ order: 5 }) bearerToken?: string
  @DataMember({ order: 6 }) refreshToken?: string
  @DataMember({ order: 7 }) @Prop(t.nullable(t.dateTime)) refreshTokenExpiry?: Date
  @DataMember({ order: 8 }) @Prop(t.list(t.string)) roles?: string[]
  @DataMember({ order: 9 }) @Prop(t.list(t.string)) permissions?: string[]
  @DataMember({ order: 10 }) @Prop(() => ResponseStatus) responseStatus?: ResponseStatus
  @DataMember({ order: 11 }) @Prop(t.map(t.string)) meta?: Record<string, string>
}

/** Creates an account (when the application allows registration). */
@Route('/register', 'POST')
@Api('Create an account')
@Tag('auth')
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
@Verb('POST')
@Returns(() => RegisterResponse)
export class Register implements IReturn<RegisterResponse>, IPost {
  @DataMember({ order: 1 }) userName?: string
  @DataMember({ order: 2 }) firstName?: string
  @DataMember({ order: 3 }) lastName?: string
  @DataMember({ order: 4 }) displayName?: string
  @DataMember({ order: 5 }) email?: string
  @DataMember({ order: 6 }) password?: string
  @DataMember({ order: 7 }) confirmPassword?: string
  @DataMember({ order: 8 }) @Prop(t.nullable(t.bool)) autoLogin?: boolean
  @DataMember({ order: 10 }) errorView?: string
  @DataMember({ order: 11 }) @Prop(t.map(t.string)) meta?: Record<string, string>
}
