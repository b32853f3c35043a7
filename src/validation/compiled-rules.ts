/**
 * class-validator's rules of a class, run without its validator: the same constraint
 * objects called in the same order with the same arguments, and the same messages, but
 * synchronously and without building its error trees. Classes whose rules need what only
 * class-validator does (groups, asynchronous constraints, promised values) are left to it.
 */
import type { ValidationArguments } from 'class-validator'
import { classValidator, rulesMetadataOf } from '../registry/class-validator'

/** The failing rules of one property, by rule name, with class-validator's messages. */
export interface PropertyFailures {
  readonly property: string
  readonly value: unknown
  readonly constraints: Readonly<Record<string, string>>
}

/**
 * Checks an instance; answers the properties with failing rules, or `null` when a
 * constraint answered a promise (the caller then asks class-validator).
 */
export type CompiledRules = (instance: object) => PropertyFailures[] | null

interface Metadata {
  readonly type: string
  readonly propertyName: string
  readonly constraints?: unknown[]
  readonly constraintCls?: Function
  readonly message?: string | ((args: ValidationArguments) => string)
  readonly groups?: readonly string[]
  readonly each?: boolean
  readonly validateIf?: (object: object, value: unknown) => boolean
}

interface Constraint {
  readonly name: string
  readonly async: boolean
  readonly instance: {
    validate(value: unknown, args: ValidationArguments): boolean | Promise<boolean>
    defaultMessage?(args: ValidationArguments): string
  }
}

/** One constraint of one rule, as class-validator would call it. */
interface Check {
  readonly metadata: Metadata
  readonly name: string
  readonly validator: Constraint['instance']
  /** A condition under which the rule passes without calling its constraint (see below). */
  readonly passes?: (value: unknown) => boolean
}

interface PropertyRules {
  readonly name: string
  /** `@IsOptional`, `@ValidateIf`: every condition must hold for any rule to run. */
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => boolean>
  /** `@IsDefined` first, as class-validator runs it, then the other rules in its order. */
  readonly checks: readonly Check[]
}

const compiled = new WeakMap<Function, CompiledRules | null>()

/** The compiled rules of a class; `null` when only class-validator can run them. */
export function compiledRulesOf(ctor: Function): CompiledRules | null {
  let found = compiled.get(ctor)
  if (found === undefined) {
    found = compile(ctor)
    compiled.set(ctor, found)
  }
  return found
}

function compile(ctor: Function): CompiledRules | null {
  const all = rulesMetadataOf(ctor) as unknown as Metadata[]
  const storage = classValidator().getMetadataStorage()
  const byProperty = new Map<string, Metadata[]>()
  for (const metadata of all) {
    if ((metadata.groups?.length ?? 0) > 0 || metadata.type === 'promiseValidation') return null
    const list = byProperty.get(metadata.propertyName) ?? []
    list.push(metadata)
    byProperty.set(metadata.propertyName, list)
  }
  const properties: PropertyRules[] = []
  for (const [name, list] of byProperty) {
    const ruled = [...list.filter((m) => m.type === 'isDefined'), ...list.filter((m) => m.type === 'customValidation')]
    const constraints = ruled.map((metadata) => ({
      metadata,
      of: storage.getTargetValidatorConstraints(metadata.constraintCls!) as unknown as Constraint[],
    }))
    if (constraints.some((c) => c.of.some((constraint) => constraint.async))) return null
    const checks = constraints.flatMap(({ metadata, of }) =>
      of.map((c): Check => ({ metadata, name: c.name, validator: c.instance, passes: passingCondition(metadata, c, ctor.name) })),
    )
    const conditions = list
      .filter((m) => m.type === 'conditionalValidation')
      .map((m) => m.constraints![0] as (object: object, value: unknown) => boolean)
    properties.push({ name, conditions, checks })
  }
  const targetName = ctor.name
  return (instance) => {
    try {
      return check(instance, properties, targetName)
    } catch (error) {
      if (error !== asynchronous) throw error
      // This class's rules are not all synchronous after all: class-validator runs them from now on.
      compiled.set(ctor, null)
      return null
    }
  }
}

const asynchronous = Symbol('asynchronous constraint')

function check(instance: object, properties: readonly PropertyRules[], targetName: string): PropertyFailures[] {
  // Most requests pass every rule: nothing is allocated until one fails.
  let failures: PropertyFailures[] | undefined
  for (const property of properties) {
    const value = (instance as Record<string, unknown>)[property.name]
    if (!conditionsHold(property.conditions, instance, value)) continue
    const constraints = runChecks(property.checks, instance, value, targetName)
    if (constraints) (failures ??= []).push({ property: property.name, value, constraints })
  }
  return failures ?? noFailures
}

const noFailures: PropertyFailures[] = []

function conditionsHold(conditions: PropertyRules['conditions'], instance: object, value: unknown): boolean {
  for (const condition of conditions) {
    if (!condition(instance, value)) return false
  }
  return true
}

/** Runs a property's checks; answers the messages of the failed ones, if any failed. */
function runChecks(checks: readonly Check[], instance: object, value: unknown, targetName: string): Record<string, string> | undefined {
  let failed: Record<string, string> | undefined
  for (const { metadata, name, validator, passes } of checks) {
    if (metadata.validateIf && !metadata.validateIf(instance, value)) continue
    if (passes?.(value)) continue
    const args: ValidationArguments = {
      targetName,
      property: metadata.propertyName,
      object: instance,
      value,
      constraints: metadata.constraints as unknown[],
    }
    const valid = metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)
      ? Array.from(value instanceof Map ? value.values() : (value as Iterable<unknown>)).every((item) => settled(validator.validate(item, args)))
      : settled(validator.validate(value, args))
    if (valid) continue
    failed ??= {}
    failed[name] = messageOf(metadata, validator, args)
  }
  return failed
}

/**
 * Conditions under which class-validator's commonest rules pass, checked inline: calling
 * into the library for every rule of every request cost more than the rest of the
 * validation. A condition is only ever sufficient: when it does not hold, the rule's own
 * constraint decides and writes the message, so the results stay class-validator's.
 */
const passingConditions: Readonly<Record<string, (constraints: readonly unknown[]) => ((value: unknown) => boolean) | undefined>> = {
  isDefined: () => (value) => value !== undefined && value !== null,
  isNotEmpty: () => (value) => value !== '' && value !== null && value !== undefined,
  min: ([least]) => (typeof least === 'number' ? (value) => typeof value === 'number' && value >= least : undefined),
  max: ([most]) => (typeof most === 'number' ? (value) => typeof value === 'number' && value <= most : undefined),
  // validator.js counts a surrogate pair, or a character with its variation selector, as
  // one: a string within the limit in UTF-16 units is within it either way.
  maxLength: ([most]) => (typeof most === 'number' ? (value) => typeof value === 'string' && value.length <= most : undefined),
  arrayMaxSize: ([most]) => (typeof most === 'number' ? (value) => Array.isArray(value) && value.length <= most : undefined),
  arrayMinSize: ([least]) => (typeof least === 'number' ? (value) => Array.isArray(value) && value.length >= least : undefined),
  // A pattern without the g or y flag matches the same whether tested or matched.
  matches: ([pattern, modifiers]) =>
    pattern instanceof RegExp && modifiers === undefined && !pattern.global && !pattern.sticky
      ? (value) => typeof value === 'string' && pattern.test(value)
      : undefined,
}

// Values a condition is tried on against its rule's constraint before it is trusted: a
// rule of the same name from elsewhere, or a constraint that does something else, keeps
// its own constraint.
const samples: readonly unknown[] = [
  '', ' ', 'a', 'abc', 'x'.repeat(300), '\u{1F600}\u{1F600}', 'e\u0301', '\ufe0f',
  0, -1, 1, 0.5, -0.5, 1e6, -1e6, Number.NaN, Number.POSITIVE_INFINITY,
  true, false, null, undefined, [], [1], Array.from({ length: 20 }, () => 0), {},
]

function passingCondition(metadata: Metadata, constraint: Constraint, targetName: string): Check['passes'] {
  if (metadata.each) return undefined
  const condition = passingConditions[constraint.name]?.(metadata.constraints ?? [])
  if (!condition) return undefined
  try {
    for (const value of samples) {
      const args = { targetName, property: metadata.propertyName, object: {}, value, constraints: metadata.constraints as unknown[] }
      if (condition(value) && constraint.instance.validate(value, args) !== true) return undefined
    }
  } catch {
    return undefined
  }
  return condition
}

function settled(result: unknown): boolean {
  if (typeof result === 'boolean') return result
  if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') throw asynchronous
  return Boolean(result)
}

// class-validator's message: the rule's own or the constraint's default, with its tokens filled.
function messageOf(metadata: Metadata, validator: Constraint['instance'], args: ValidationArguments): string {
  const template = metadata.message || validator.defaultMessage?.(args) || ''
  let text = typeof template === 'function' ? template(args) : template
  if (!text) return ''
  for (const [index, constraint] of (args.constraints ?? []).entries()) {
    text = text.replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintText(constraint))
  }
  if (args.value !== undefined && args.value !== null && ['string', 'boolean', 'number'].includes(typeof args.value)) {
    text = text.replace(/\$value/g, String(args.value))
  }
  return text.replace(/\$property/g, args.property).replace(/\$target/g, args.targetName)
}

function constraintText(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ')
  if (typeof constraint === 'symbol') return String(constraint.description)
  return `${constraint}`
}
