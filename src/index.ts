/**
 * dtostack: typed request and response DTOs, plain services, one model, served on
 * fastify the way ServiceStack serves them.
 */
import 'reflect-metadata'

// For application authors: the plugin, the contract decorators and types, errors.
export { dtostack, type DtostackOptions, type DtostackInstance } from './http/plugin'
export { createServer, type CreateServerOptions } from './http/create-server'
export type { HealthOptions, HealthProbe } from './http/health'
export {
  Api,
  ApiMember,
  DataContract,
  DataMember,
  ExcludeMetadata,
  Namespace,
  Prop,
  ResponseType,
  Returns,
  ReturnsVoid,
  Route,
  Tag,
  TypeArgs,
  TypeParams,
  Verb,
  type ApiOptions,
  type DataContractOptions,
  type PropOptions,
  type RouteOptions,
} from './contract/decorators'
export {
  Authenticate,
  Handles,
  RequestFilter,
  RequiredPermission,
  RequiredRole,
  RequiresAnyPermission,
  RequiresAnyRole,
  ResponseFilter,
} from './contract/service-decorators'
export type {
  IDelete,
  IGet,
  IPatch,
  IPost,
  IPut,
  IReturn,
  IReturnVoid,
  RequestContext,
  RequestFilterFn,
  ResponseFilterFn,
  SessionInfo,
  UserInfo,
  Verb as HttpVerb,
} from './contract/contracts'
export type { ApiMemberOptions, DataMemberOptions } from './contract/records'
export { t, type TypeLike, type TypeSpec, type PrimitiveName, type Class, type EnumLike } from './contract/types'
export { HttpResult, type HttpResultInit, type CookieOptions, type ResponseCookie } from './contract/http-result'
export { ErrorResponse, ResponseError, ResponseStatus } from './contract/wire'
export { ApiError, type ApiErrorOptions, type FieldError } from './errors/api-error'
export { DefinitionError, type DefinitionCode } from './errors/definition-error'
export { Authenticate as AuthenticateRequest, AuthenticateResponse } from './auth/dtos'
export type { AuthStore, SessionRow } from './auth/auth-store'
export type { AuthOptions } from './auth/options'
export { hashPassword } from './auth/passwords'
export { databaseProbe, openDatabase, transaction, type OpenDatabaseOptions, type SqliteDatabase } from './store/database'
export { migrate, type Migration } from './store/migrations'
export { SqliteAuthStore } from './store/auth-store'
export type { NewUser, UserRow } from './store/users'

// For extension authors: the model and the format contract.
export type { Format, ParsedBody, SerializeOptions } from './formats/format'
export type {
  AuthRules,
  ClassModel,
  ClassRef,
  EnumModel,
  OperationModel,
  PropertyModel,
  RouteModel,
  TypeRef,
} from './registry/model'
export type { Registry } from './registry/registry'
export type { ModuleLike } from './registry/scan'
