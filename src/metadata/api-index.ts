/**
 * `/api`: the operations shown, grouped by tag, as JSON. Untagged operations are listed
 * under `other`, or under `apis` once the API has tags of its own (tags beside `auth` and
 * `admin`, which the framework's operations carry).
 */
import type { OperationModel } from '../registry/model'
import { displayName } from '../registry/type-utils'

const frameworkTags = new Set(['auth', 'admin'])

/** One entry of the index. */
export interface ApiIndexEntry {
  readonly name: string
  readonly returns?: string
  readonly description?: string
  readonly notes?: string
  readonly links: { readonly api: string }
}

/** The index of the given operations; `prefix` is the path they are served under. */
export function apiIndex(operations: readonly OperationModel[], prefix: string): Record<string, ApiIndexEntry[]> {
  const ownTags = operations.some((op) => op.tags.some((tag) => !frameworkTags.has(tag)))
  const untagged = ownTags ? 'apis' : 'other'
  const index: Record<string, ApiIndexEntry[]> = {}
  for (const op of operations) {
    const entry: ApiIndexEntry = {
      name: op.name,
      ...(op.response && !op.returnsVoid ? { returns: displayName(op.response) } : {}),
      ...(op.request.description ? { description: op.request.description } : {}),
      ...(op.request.notes ? { notes: op.request.notes } : {}),
      links: { api: `${prefix}/api/${op.name}` },
    }
    for (const tag of op.tags.length > 0 ? op.tags : [untagged]) {
      if (!Object.hasOwn(index, tag)) Object.defineProperty(index, tag, { value: [], enumerable: true, writable: true })
      index[tag]!.push(entry)
    }
  }
  return index
}
