/**
 * Builds the model from the modules an application names: their exported DTO classes,
 * enums and services. Runs once at startup; every mistake is a DefinitionError.
 */
import * as wire from '../contract/wire'
import { DefinitionError } from '../errors/definition-error'
import type { ClassModel, EnumModel, OperationModel } from './model'
import { buildOperation, collectHandlers } from './operations'
import { Registry } from './registry'
import { TypeResolver } from './resolve-types'
import { readClassRecord, readHandlerRecords } from '../contract/records'

/** A module's exports (`import * as dtos from './dtos'`), or a single class. */
export type ModuleLike = Readonly<Record<string, unknown>> | Function

/** Options of {@link createRegistry}. */
export interface RegistryOptions {
  /** The modules to scan for DTOs, enums and services. */
  readonly modules: readonly ModuleLike[]
  /** Modules of ServiceStack's own types and services (authentication). */
  readonly builtInModules?: readonly ModuleLike[]
  /** The namespace of types that declare none. @default 'App' */
  readonly namespace?: string
  /** The base of XML namespace URIs. @default 'http://schemas.datacontract.org/2004/07/' */
  readonly xmlNamespaceBase?: string
}

/** The built registry, and what the caller should log. */
export interface ScanResult {
  readonly registry: Registry
  /** Things that work but are probably mistakes (a routed DTO no service handles). */
  readonly warnings: readonly string[]
}

interface Exports {
  readonly dtos: Function[]
  readonly services: Function[]
  readonly enumNames: Map<object, string>
  readonly builtIns: Set<Function>
}

/** Scans the modules and builds the model of the application. */
export function createRegistry(options: RegistryOptions): ScanResult {
  const builtInModules = [wire, ...(options.builtInModules ?? [])]
  const exports = collectExports(options.modules, builtInModules)
  const resolver = new TypeResolver({
    namespace: options.namespace ?? 'App',
    xmlNamespaceBase: options.xmlNamespaceBase ?? 'http://schemas.datacontract.org/2004/07/',
    enumNames: exports.enumNames,
    builtIns: exports.builtIns,
  })
  for (const dto of exports.dtos) resolver.classModel(dto)
  resolver.drain()

  const errorResponse = resolver.classRef(wire.ErrorResponse, [], 'ErrorResponse')
  const byName = new Map(exports.dtos.map((d) => [d.name, d]))
  const groups = collectHandlers(exports.services)
  const operations: OperationModel[] = []
  for (const [request, group] of groups) {
    const model = resolver.classRef(request, [], `${request.name} (request)`).type
    resolver.drain()
    operations.push(
      buildOperation(resolver, { request: model, group, errorResponse, findClass: (n) => byName.get(n) }),
    )
  }
  resolver.drain()

  const types = [...resolver.classes.values()]
  const enums = [...resolver.enums.values()]
  assertUniqueNames(types, enums)
  assertUniqueRoutes(operations)
  const services = exports.services.map((ctor) => ({ name: ctor.name, ctor: ctor as never }))
  return {
    registry: new Registry(operations, types, enums, services),
    warnings: [...unhandledWarnings(types, groups), ...untypedWarnings(operations)],
  }
}

function collectExports(modules: readonly ModuleLike[], builtInModules: readonly ModuleLike[]): Exports {
  const found: Exports = { dtos: [], services: [], enumNames: new Map(), builtIns: new Set() }
  const seen = new Set<unknown>()
  const visit = (module: ModuleLike, builtIn: boolean) => {
    if (typeof module !== 'function' && (typeof module !== 'object' || module === null)) {
      throw new DefinitionError('DEF_MODULE_INVALID', `a module given to dtostack is ${typeof module}, not a module or a class`)
    }
    const entries = typeof module === 'function' ? [[module.name, module] as const] : Object.entries(module)
    for (const [name, value] of entries) {
      if (seen.has(value)) continue
      seen.add(value)
      if (typeof value === 'function') {
        if (builtIn) found.builtIns.add(value)
        if (readHandlerRecords(value).length > 0) found.services.push(value)
        else if (TypeResolver.isDto(value)) found.dtos.push(value)
      } else if (isEnumObject(value)) {
        found.enumNames.set(value as object, name)
      }
    }
  }
  for (const module of builtInModules) visit(module, true)
  if (!Array.isArray(modules)) {
    throw new DefinitionError('DEF_OPTION_INVALID', `option 'modules' must be a list of modules`)
  }
  for (const module of modules) visit(module, false)
  return found
}

function isEnumObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const values = Object.values(value)
  return values.length > 0 && values.every((v) => typeof v === 'string' || typeof v === 'number')
}

function assertUniqueNames(types: readonly ClassModel[], enums: readonly EnumModel[]): void {
  const names = new Map<string, string>()
  for (const type of [...types, ...enums]) {
    const previous = names.get(type.name)
    if (previous !== undefined) {
      throw new DefinitionError(
        'DEF_TYPE_DUPLICATE_NAME',
        `two types are named '${type.name}' (${previous} and ${type.kind}): names must be unique across the application`,
      )
    }
    names.set(type.name, type.kind)
  }
}

function assertUniqueRoutes(operations: readonly OperationModel[]): void {
  const seen = new Map<string, string>()
  for (const op of operations) {
    for (const route of op.routes) {
      const shape = route.template.segments
        .map((s) => (s.kind === 'literal' ? s.lower : s.kind === 'wildcard' ? '*' : '{}'))
        .join('/')
      for (const verb of route.verbs ?? ['*']) {
        const key = `${verb} /${shape}`
        const previous = seen.get(key)
        if (previous !== undefined) {
          throw new DefinitionError(
            'DEF_ROUTE_DUPLICATE',
            `route '${route.path}' (${verb}) on '${op.name}' repeats a route of '${previous}'`,
          )
        }
        seen.set(key, op.name)
      }
    }
  }
}

function unhandledWarnings(types: readonly ClassModel[], groups: ReadonlyMap<Function, unknown>): string[] {
  return types
    .filter((t) => !groups.has(t.ctor) && routesOf(t) > 0)
    .map((t) => `'${t.name}' declares routes but no service handles it: a service method needs @Handles()`)
}

function untypedWarnings(operations: readonly OperationModel[]): string[] {
  return operations
    .filter((op) => !op.response && !op.returnsVoid)
    .map((op) => `operation '${op.name}' declares no response type: its answers are written without a model`)
}

function routesOf(type: ClassModel): number {
  return readClassRecord(type.ctor)?.routes.length ?? 0
}
