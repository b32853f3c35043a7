/**
 * The fastify plugin: builds the model from the application's modules, creates its
 * services and serves every operation on its own routes and the pre-defined ones.
 */
import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress'
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { AuthStore } from '../auth/auth-store'
import { CredentialReader } from '../auth/credentials'
import { Authenticate, AuthenticateResponse, GetAccessToken, GetAccessTokenResponse, Register, RegisterResponse } from '../auth/dtos'
import { resolveAuthOptions, type AuthOptions, type ResolvedAuthOptions } from '../auth/options'
import { AccessTokenServices, AuthServices, RegisterServices, type AuthServiceDeps } from '../auth/service'
import { TokenIssuer } from '../auth/tokens'
import type { RequestFilterFn, ResponseFilterFn } from '../contract/contracts'
import { DefinitionError } from '../errors/definition-error'
import { csvFormat } from '../formats/csv'
import type { Format } from '../formats/format'
import { htmlFormat } from '../formats/html'
import { jsonFormat } from '../formats/json'
import { jsvFormat } from '../formats/jsv'
import { xmlFormat } from '../formats/xml'
import type { DateStyle } from '../formats/values'
import type { ClassRef } from '../registry/model'
import type { Registry } from '../registry/registry'
import { createRegistry, type ModuleLike } from '../registry/scan'
import type { SqliteDatabase } from '../store/database'
import { SqliteAuthStore } from '../store/auth-store'
import { loadCookieLibrary } from './cookies'
import { dispatch, errorAnswer, type Runtime } from './dispatch'
import { guardRequests, mountHealthRoute, type HealthOptions } from './health'
import { lenientZlib } from './inflate'
import { mountMetadataRoutes, type MetadataRoutesOptions } from './metadata-routes'
import { formMediaTypes } from './read-body'
import { assertSoundRequest } from './request-checks'
import { defaultConvertLimits } from './convert-value'
import { mountTypesRoutes } from './types-routes'
import { parseMediaType } from './media-type'
import { FormatTable } from './negotiate'
import { RouteTable } from './routing'
import { sendError } from './send-reply'

/** Options of the dtostack plugin. */
export interface DtostackOptions<TDeps = unknown> {
  /** Modules whose exported DTOs, enums and services make up the application. */
  readonly modules: readonly ModuleLike[]
  /** The namespace of types that declare none, e.g. `MyApp.ServiceModel`. @default 'App' */
  readonly namespace?: string
  /** The base of derived XML namespaces. @default 'http://schemas.datacontract.org/2004/07/' */
  readonly xmlNamespaceBase?: string
  /** Given to every service's constructor and to `ctx.deps`: the database, the configuration. */
  readonly deps?: TDeps
  /** Creates a service instance; by default `new Service(deps)`. */
  readonly createService?: (service: Function, deps: TDeps) => object
  /**
   * The database of users and sessions; enables authentication and the `Authenticate`
   * operation. Its tables are created on first use.
   */
  readonly database?: SqliteDatabase
  /** Another store of users and sessions, instead of `database`. */
  readonly authStore?: AuthStore
  /** Session lifetimes, cookie flags, the admin role. */
  readonly auth?: AuthOptions
  /** Answer unexpected errors with their real message and stack trace. @default false */
  readonly debug?: boolean
  /** How JSON writes instants. @default 'iso8601' */
  readonly dateStyle?: DateStyle
  /** Bounds on what a request may hold. */
  readonly limits?: {
    /** How deep objects and lists may nest. @default 64 */
    readonly maxDepth?: number
    /** How many field errors an answer lists. @default 100 */
    readonly maxFieldErrors?: number
    /** How many requests one batch (`/api/{Op}[]`) may hold. @default 100 */
    readonly maxBatchSize?: number
    /** How many characters (UTF-16 code units) a bound string may hold. @default 65536 */
    readonly maxStringLength?: number
  }
  /** Require the XML root's namespace in request bodies, as DataContractSerializer does. @default false */
  readonly strictXml?: boolean
  /**
   * Answer cross-origin requests and their preflights (`@fastify/cors` options; `true` allows
   * every origin, without credentials). @default false
   */
  readonly cors?: boolean | FastifyCorsOptions
  /**
   * Compress responses as `Accept-Encoding` asks, and read compressed request bodies
   * (`@fastify/compress` options). @default true
   */
  readonly compress?: boolean | FastifyCompressOptions
  /** Formats served besides JSON, XML, JSV, CSV and HTML. */
  readonly formats?: readonly Format[]
  /** The name metadata pages carry. @default 'dtostack' */
  readonly serviceName?: string
  /**
   * Serve the metadata pages (`/metadata`, `/{format}/metadata`), the typed DTOs (`/types/*`)
   * and the `/api` index. @default true
   */
  readonly metadata?: boolean
  /**
   * Serve `GET /health` for load balancers: 200 when every probe passes, 503 when one fails
   * or the server is shutting down. `true` serves it without probes. @default false
   */
  readonly health?: boolean | HealthOptions
  /** Filters run before every operation's service. */
  readonly requestFilters?: readonly RequestFilterFn[]
  /** Filters run on every operation's response. */
  readonly responseFilters?: readonly ResponseFilterFn[]
}

/** What the plugin adds to the fastify instance, as `app.dtostack`. */
export interface DtostackInstance {
  /** The model of the application. */
  readonly registry: Registry
  /**
   * Answers an error raised outside dtostack's routes (fastify's own refusals) as a
   * ResponseStatus in the format the request asks for.
   * @internal
   */
  readonly answerError: (error: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply
}

declare module 'fastify' {
  interface FastifyInstance {
    dtostack: DtostackInstance
  }
}

const dtostackPlugin: FastifyPluginAsync<DtostackOptions> = async (app, options) => {
  const authStore = options.authStore ?? (options.database ? new SqliteAuthStore(options.database) : undefined)
  const auth = resolveAuthOptions(options.auth)
  const { registry, warnings } = createRegistry({
    modules: options.modules,
    builtInModules: authStore ? authModules(auth) : [],
    namespace: options.namespace,
    xmlNamespaceBase: options.xmlNamespaceBase,
  })
  // Without a logger (createServer's default) a warning would go nowhere: Node prints it.
  const logs = app.log.level !== undefined && app.log.level !== 'silent'
  for (const warning of warnings) {
    if (logs) app.log.warn(warning)
    else process.emitWarning(warning, { type: 'DtostackWarning', code: 'DTOSTACK_DEFINITION' })
  }
  const guarded = registry.operations.find((op) => op.auth.requiresAuth)
  if (guarded && !authStore) {
    throw new DefinitionError(
      'DEF_OPTION_INVALID',
      `operation '${guarded.name}' requires authentication: give dtostack a 'database' or an 'authStore'`,
    )
  }
  const tokens = authStore && TokenIssuer.create(authStore, { secret: auth.jwtSecret, accessLifetimeMs: auth.accessTokenExpiryMs })
  const runtime = createRuntime(registry, options, authStore && { store: authStore, tokens: tokens!, options: auth }, app.prefix)
  app.decorate('dtostack', {
    registry,
    answerError: (error, request, reply) => answerError(runtime, { error, request, reply }),
  })
  closeLingeringConnections(app)
  guardRequests(app, { echoRequestId: false })
  if (options.health) mountHealthRoute(app, options.health === true ? {} : options.health)
  await app.register(async (scope) => {
    await serveOperations(scope, runtime, options)
    if (options.metadata !== false) {
      await scope.register(async (pages) => {
        // The operations' routes check this in the dispatcher.
        pages.addHook('onRequest', prepareRequestHead)
        mountTypesRoutes(pages, registry)
        mountMetadataRoutes(pages, metadataOptions(registry, runtime, options))
      })
    }
  })
  app.log.debug({ operations: registry.operations.length, formats: runtime.formats.formats.map((f) => f.name) }, 'dtostack ready')
}

function metadataOptions(registry: Registry, runtime: Runtime, options: DtostackOptions): MetadataRoutesOptions {
  const formats = runtime.formats.formats.filter((f) => f !== htmlFormat)
  return {
    registry,
    serviceName: options.serviceName ?? 'dtostack',
    formats: [jsonFormat, ...formats.filter((f) => f !== jsonFormat)],
    json: jsonFormat,
    serialize: { dateStyle: runtime.settings.dateStyle },
    sendError: (request, reply, error) =>
      sendError(request, reply, { error, errorType: runtime.errorResponse, answer: { format: htmlFormat }, settings: runtime.settings }),
  }
}

// While the server closes, keep-alive connections that fall idle after close began would
// hold it open: they are closed as they go idle, and requests still running finish.
function closeLingeringConnections(app: FastifyInstance): void {
  let sweep: NodeJS.Timeout | undefined
  app.addHook('preClose', (done) => {
    sweep = setInterval(() => app.server.closeIdleConnections?.(), 50)
    sweep.unref()
    done()
  })
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweep)
    done()
  })
}

// The built-in authentication operations: signing in, refreshing; registering when allowed.
function authModules(auth: ResolvedAuthOptions): ModuleLike[] {
  const modules: ModuleLike[] = [
    { Authenticate, AuthenticateResponse, AuthServices },
    { GetAccessToken, GetAccessTokenResponse, AccessTokenServices },
  ]
  if (auth.registration) modules.push({ Register, RegisterResponse, RegisterServices })
  return modules
}

const builtInServices = new Set<Function>([AuthServices, AccessTokenServices, RegisterServices])

function createRuntime(registry: Registry, options: DtostackOptions, authDeps: AuthServiceDeps | undefined, prefix: string): Runtime {
  const auth = authDeps?.options ?? resolveAuthOptions(options.auth)
  const formats = new FormatTable(
    [jsonFormat, xmlFormat, jsvFormat, csvFormat, htmlFormat, ...(options.formats ?? [])],
    jsonFormat,
  )
  const create = options.createService ?? ((service: Function, deps: unknown) => new (service as new (d: unknown) => object)(deps))
  const services = new Map<Function, Record<string, unknown>>()
  for (const service of registry.services) {
    const instance = builtInServices.has(service.ctor)
      ? new (service.ctor as new (deps: AuthServiceDeps) => object)(authDeps!)
      : create(service.ctor, options.deps)
    services.set(service.ctor, instance as Record<string, unknown>)
  }
  const errorResponse = registry.type('ErrorResponse')
  return {
    table: new RouteTable(registry.operations, formats.names),
    formats,
    settings: {
      debug: options.debug ?? false,
      dateStyle: options.dateStyle ?? 'iso8601',
      secureCookies: auth.secureCookies,
    },
    limits: {
      maxDepth: options.limits?.maxDepth ?? defaultConvertLimits.maxDepth,
      maxErrors: options.limits?.maxFieldErrors ?? defaultConvertLimits.maxErrors,
      maxBatchSize: options.limits?.maxBatchSize ?? 100,
      maxStringLength: options.limits?.maxStringLength ?? defaultConvertLimits.maxStringLength,
    },
    strictXml: options.strictXml ?? false,
    services,
    credentials: authDeps && new CredentialReader(authDeps.store, authDeps.tokens, auth),
    adminRole: auth.adminRole,
    trustedOrigins: auth.trustedOrigins,
    deps: options.deps,
    requestFilters: options.requestFilters ?? [],
    responseFilters: options.responseFilters ?? [],
    errorResponse: { kind: 'class', type: errorResponse, args: [] } as ClassRef,
    prefix,
  }
}

async function serveOperations(scope: FastifyInstance, runtime: Runtime, options: DtostackOptions): Promise<void> {
  // Cookies are read and written by the dispatcher when it needs them (see ./cookies),
  // not by hooks on every request: most requests carry and set none.
  if (!scope.hasRequestDecorator('cookies')) scope.decorateRequest('cookies', null as never)
  await loadCookieLibrary()
  if (options.compress !== false) {
    await scope.register(fastifyCompress, {
      customTypes: compressibleTypes,
      zlib: lenientZlib,
      ...(typeof options.compress === 'object' ? options.compress : {}),
    })
  }
  // The CORS plugin answers preflights in a hook and registers its own OPTIONS route,
  // so the catch-all below leaves OPTIONS to it. Not strict: an OPTIONS without Origin
  // is answered too, rather than refused in plain text.
  const cors = options.cors === true ? corsDefaults : options.cors ? { strictPreflight: false, ...options.cors } : undefined
  if (cors) {
    // Preflights never reach the dispatcher, which checks every other request's head.
    scope.addHook('onRequest', prepareRequestHead)
    await scope.register(fastifyCors, cors)
  }
  // Bodies are read raw here and parsed by the dispatcher, which knows the route: one
  // content-type reading decides the parser, binding and validation.
  scope.removeAllContentTypeParsers()
  const raw = (_request: FastifyRequest, body: Buffer, done: (error: null, body: Buffer) => void) => done(null, body)
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, raw)
  // The same parser under the media types dtostack reads: fastify remembers the parser of
  // a content type it has seen only for parsers registered under a type, not for '*'.
  // This only saves work, since '*' reads them all: a format's media type that fastify
  // would refuse to register (a bare word, a repeat in other casing) is left to '*'.
  const read = runtime.formats.formats.flatMap((f) => (f.parse ? f.mediaTypes : []))
  const essences = [...read, ...formMediaTypes].map((m) => parseMediaType(m)?.essence)
  for (const essence of new Set(essences)) {
    if (essence && !scope.hasContentTypeParser(essence)) scope.addContentTypeParser(essence, { parseAs: 'buffer' }, raw)
  }
  scope.setErrorHandler((error, request, reply) => answerError(runtime, { error, request, reply }))
  // The dispatcher sends the reply itself. A handler that returns nothing has answered
  // already; a promise that settles with the reply tells fastify not to wait for a value
  // (its onSend hooks, compression among them, may still be running).
  const handle = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined => {
    const pending = dispatch(runtime, request, reply)
    return pending instanceof Promise ? pending.then(() => reply) : undefined
  }
  scope.setNotFoundHandler(handle)
  const methods = scope.supportedMethods.filter((m) => !(cors && m === 'OPTIONS'))
  // Most requests name no content coding, neither one they accept nor one their body is
  // in: they are served by a twin of the catch-all without per-request hooks, which would
  // only find that there is nothing to compress, decompress or normalise. The router tells
  // the two apart by those headers.
  // Compression options that act on such requests too keep them on the one route.
  const compress = typeof options.compress === 'object' ? options.compress : {}
  if (compress.onUnsupportedEncoding === undefined && compress.forceRequestEncoding === undefined && !compress.inflateIfDeflated) {
    if (!scope.hasConstraintStrategy(namesNoCoding.name)) scope.addConstraintStrategy(namesNoCoding)
    const plain = { compress: false, decompress: false, constraints: { [namesNoCoding.name]: true } } as const
    scope.route({ method: methods, url: '/*', handler: handle, ...plain })
  }
  scope.route({ method: methods, url: '/*', handler: handle, onRequest: prepareRequestHead })
}

// The checks of a request's head, as a hook where a body may be decompressed (a request
// that its head alone refuses is refused before its body is read) or the dispatcher is
// not reached (preflights, pages). Content codings are case-insensitive (RFC 9110 section
// 8.4.1) and the decompressor is not, so the coding is normalised here too. (A callback
// hook: an async one would cost every request a promise.)
function prepareRequestHead(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  try {
    assertSoundRequest(request)
  } catch (error) {
    done(error as Error)
    return
  }
  const coding = request.headers['content-encoding']
  if (typeof coding === 'string') request.headers['content-encoding'] = coding.trim().toLowerCase()
  done()
}

// Whether a request names no content coding, neither in Accept-Encoding nor in
// Content-Encoding; the twin constrained to `true` serves those, the other the rest.
type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0]
type RouteHandler = NonNullable<ReturnType<ReturnType<ConstraintStrategy['storage']>['get']>>

const namesNoCoding: ConstraintStrategy = {
  name: 'dtostackNamesNoCoding',
  storage() {
    const handlers = new Map<unknown, RouteHandler>()
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => void handlers.set(value, handler),
    }
  },
  deriveConstraint: (request) => request.headers['accept-encoding'] === undefined && request.headers['content-encoding'] === undefined,
  mustMatchWhenDerived: false,
}

// The types compressed when the client accepts it: text, JSON, XML and JSV (which no
// media type database knows), as a plain test rather than a lookup in such a database
// for every response.
const compressibleTypes = /^text\/(?!event-stream)|[+/](?:json|xml|text|jsv)(?:;|$)|octet-stream(?:;|$)/

// Errors raised before the dispatcher (fastify's body limit, its content-type check, a
// body that does not decompress) are answered in the format negotiated from the request.
function answerError(
  runtime: Runtime,
  at: { error: unknown; request: FastifyRequest; reply: FastifyReply },
): FastifyReply {
  return sendError(at.request, at.reply, {
    error: at.error,
    errorType: runtime.errorResponse,
    answer: errorAnswer(runtime, at.request),
    settings: runtime.settings,
  })
}

// ServiceStack's CorsFeature defaults.
const corsDefaults: FastifyCorsOptions = {
  origin: '*',
  strictPreflight: false,
  methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
  allowedHeaders: ['Content-Type', 'Authorization'],
  maxAge: 600,
}

/**
 * The dtostack fastify plugin.
 *
 * @example
 * const app = Fastify()
 * await app.register(dtostack, { modules: [dtos, services], database: openDatabase('./data/app.db') })
 */
export const dtostack = fp(dtostackPlugin, { name: 'dtostack', fastify: '5.x' })
