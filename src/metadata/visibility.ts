/**
 * What the metadata pages, `/types/metadata` and `/api` show: every operation and type but
 * those declared with `@ExcludeMetadata`, and the error types every client knows already.
 */
import type { ClassModel, OperationModel } from '../registry/model'
import type { Registry } from '../registry/registry'

// ServiceStack's error types: part of every response, described once by its clients.
const errorTypes = new Set(['ResponseStatus', 'ResponseError'])

/** Whether a class is left out of the pages' type tables. */
export function isHiddenType(type: ClassModel): boolean {
  return type.excludeMetadata || (type.namespace === 'ServiceStack' && errorTypes.has(type.name))
}

/** The operations shown, by name in any case. */
export function visibleOperations(registry: Registry): OperationModel[] {
  return registry.operations
    .filter((op) => !op.request.excludeMetadata)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.name < b.name ? -1 : 1))
}

/** A shown operation by name, in any case; undefined when unknown or hidden. */
export function visibleOperation(registry: Registry, name: string): OperationModel | undefined {
  const op = registry.operation(name)
  return op && !op.request.excludeMetadata ? op : undefined
}
