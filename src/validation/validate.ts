/**
 * Validates a bound request DTO: required members, then the class-validator rules of
 * every class in it, nested objects and list items included without any extra decorator.
 * Every failure is collected; none stops the others.
 */
import type { FieldError } from '../errors/api-error'
import type { ClassModel, ClassRef, TypeRef } from '../registry/model'
import { allProperties, classesIn, type ResolvedProperty } from '../registry/type-utils'
import { classValidator, rulesMetadataOf } from '../registry/class-validator'
import { compiledRulesOf, type PropertyFailures } from './compiled-rules'
import { describeFailure, requiredFailure, type RuleInfo } from './messages'

interface PropertyRules {
  /** Rules in the order they are written, custom messages marked. */
  readonly rules: ReadonlyMap<string, RuleInfo & { readonly custom: boolean }>
}

interface ClassRules {
  readonly hasRules: boolean
  readonly byProperty: ReadonlyMap<string, PropertyRules>
}

const classRules = new WeakMap<Function, ClassRules>()
const presenceRules = new Set(['isDefined', 'isNotEmpty'])

function rulesOf(ctor: Function): ClassRules {
  let found = classRules.get(ctor)
  if (!found) {
    const metadata = rulesMetadataOf(ctor)
    const byProperty = new Map<string, Map<string, RuleInfo & { custom: boolean }>>()
    // class-validator records rules bottom-up; reversing restores the written order.
    for (const m of [...metadata].reverse()) {
      if (m.type === 'conditionalValidation' || m.type === 'nestedValidation') continue
      const name = m.name ?? m.type
      const rules = byProperty.get(m.propertyName) ?? new Map()
      rules.set(name, { name, args: m.constraints ?? [], custom: m.message !== undefined })
      byProperty.set(m.propertyName, rules)
    }
    found = {
      hasRules: byProperty.size > 0,
      byProperty: new Map([...byProperty].map(([k, rules]) => [k, { rules }])),
    }
    classRules.set(ctor, found)
  }
  return found
}

/**
 * Validates a DTO instance of a class type; returns its failures in member order, at
 * most `maxErrors` of them (the walk stops there, so a huge list costs no more). The
 * answer comes at once, not as a promise, unless a rule on the way needs class-validator
 * itself (groups, asynchronous constraints).
 */
export function validateDto(instance: object, type: ClassRef, maxErrors = 100): FieldError[] | Promise<FieldError[]> {
  if (!mayFailValidation(type)) return []
  // Most requests pass: a class that holds no others is first checked without the walk,
  // which runs only to describe the failures when there are some.
  if (passesFlatCheck(instance, type)) return []
  const walk: Walk = { path: '', errors: [], seen: new Set(), maxErrors }
  const steps = validateObject(instance, type, walk)
  const step = steps.next()
  return step.done ? walk.errors.slice(0, maxErrors) : finishWalk(steps, step.value, walk)
}

interface FlatCheck {
  readonly required: readonly string[]
  readonly hasRules: boolean
}

const flatChecks = new WeakMap<ClassRef, FlatCheck | null>()

function passesFlatCheck(instance: object, type: ClassRef): boolean {
  let check = flatChecks.get(type)
  if (check === undefined) {
    check = flatCheckOf(type)
    flatChecks.set(type, check)
  }
  if (!check) return false
  const values = instance as Record<string, unknown>
  for (const key of check.required) {
    if (values[key] === undefined || values[key] === null) return false
  }
  if (!check.hasRules) return true
  // Looked up each time: rules found to be asynchronous are handed to class-validator.
  return compiledRulesOf(type.type.ctor)?.(instance)?.length === 0
}

// Only for a class whose rules are all compiled and that holds no other classes.
function flatCheckOf(type: ClassRef): FlatCheck | null {
  if (propertiesHoldingClasses(type).length > 0) return null
  const required = allProperties(type).filter((p) => p.model.isRequired).map((p) => p.model.key)
  const { hasRules } = rulesOf(type.type.ctor)
  return !hasRules || compiledRulesOf(type.type.ctor) ? { required, hasRules } : null
}

/**
 * The walk is a generator that yields only where class-validator must be awaited, so
 * that the common walk, with every rule compiled, costs no promise at all.
 */
type Steps = Generator<Promise<PropertyFailures[]>, void, PropertyFailures[]>

async function finishWalk(steps: Steps, pending: Promise<PropertyFailures[]>, walk: Walk): Promise<FieldError[]> {
  let step = steps.next(await pending)
  while (!step.done) step = steps.next(await step.value)
  return walk.errors.slice(0, walk.maxErrors)
}

interface Walk {
  readonly path: string
  readonly errors: FieldError[]
  readonly seen: Set<object>
  readonly maxErrors: number
}

function* validateObject(instance: object, type: ClassRef, walk: Walk): Steps {
  if (walk.seen.has(instance) || walk.errors.length >= walk.maxErrors) return
  walk.seen.add(instance)
  const values = instance as Record<string, unknown>
  const properties = allProperties(type)
  let missing: Set<string> | undefined
  for (const property of properties) {
    const value = values[property.model.key]
    if (property.model.isRequired && (value === undefined || value === null)) {
      ;(missing ??= new Set()).add(property.model.key)
      walk.errors.push({ ...requiredFailure(property.model.name), fieldName: pathOf(walk.path, property.model.name) })
    }
  }
  const rules = rulesOf(type.type.ctor)
  if (rules.hasRules) {
    const failures = compiledRulesOf(type.type.ctor)?.(instance) ?? (yield classValidatorFailures(instance))
    if (failures.length > 0) {
      const byKey = new Map(failures.map((f) => [f.property, f]))
      for (const property of properties) {
        const result = byKey.get(property.model.key)
        if (result && !missing?.has(property.model.key)) {
          pushFailures(result, { member: property.model.name, rules, walk })
        }
      }
    }
  }
  for (const property of propertiesHoldingClasses(type)) {
    const path = pathOf(walk.path, property.model.name)
    yield* validateNested(values[property.model.key], property.type, { path, errors: walk.errors, seen: walk.seen, maxErrors: walk.maxErrors })
  }
}

const failing = new WeakMap<ClassRef, boolean>()

/**
 * Whether any rule can fail in a class or in the classes it holds: most responses and many
 * requests have none, and are not walked at all.
 */
export function mayFailValidation(type: ClassRef): boolean {
  // Only whole answers are kept: one found while a cycle was cut short could be wrong.
  let found = failing.get(type)
  if (found === undefined) {
    found = anyRule(type, new Set())
    failing.set(type, found)
  }
  return found
}

function anyRule(type: ClassRef, visiting: Set<ClassModel>): boolean {
  if (visiting.has(type.type)) return false
  visiting.add(type.type)
  return rulesOf(type.type.ctor).hasRules ||
    allProperties(type).some((p) => p.model.isRequired || classesIn(p.type).some((c) => anyRule(c, visiting)))
}

// Only objects of a class have members to judge: a list of strings is not walked item by
// item. Worked out once per class.
function propertiesHoldingClasses(type: ClassRef): readonly ResolvedProperty[] {
  let found = holdingClasses.get(type)
  if (!found) {
    found = allProperties(type).filter((p) => classesIn(p.type).length > 0)
    holdingClasses.set(type, found)
  }
  return found
}

const holdingClasses = new WeakMap<ClassRef, readonly ResolvedProperty[]>()

function* validateNested(value: unknown, type: TypeRef, walk: Walk): Steps {
  if (value === undefined || value === null || walk.errors.length >= walk.maxErrors) return
  switch (type.kind) {
    case 'class':
      if (typeof value === 'object') yield* validateObject(value, type, walk)
      return
    case 'nullable':
      yield* validateNested(value, type.inner, walk)
      return
    case 'list':
      if (!Array.isArray(value)) return
      for (let i = 0; i < value.length && walk.errors.length < walk.maxErrors; i++) {
        yield* validateNested(value[i], type.item, { path: `${walk.path}[${i}]`, errors: walk.errors, seen: walk.seen, maxErrors: walk.maxErrors })
      }
      return
    case 'map':
      for (const [key, item] of Object.entries(value as object)) {
        yield* validateNested(item, type.value, { path: `${walk.path}[${key}]`, errors: walk.errors, seen: walk.seen, maxErrors: walk.maxErrors })
      }
      return
    default:
      return
  }
}

async function classValidatorFailures(instance: object): Promise<PropertyFailures[]> {
  const results = await classValidator().validate(instance, {
    forbidUnknownValues: false,
    validationError: { target: false, value: true },
  })
  return results.map((r) => ({ property: r.property, value: r.value, constraints: r.constraints ?? {} }))
}

function pushFailures(
  result: PropertyFailures,
  context: { member: string; rules: ClassRules; walk: Walk },
): void {
  const constraints = { ...result.constraints }
  // As in ServiceStack, only presence rules judge a missing value; the others pass it.
  if (result.value === undefined || result.value === null) {
    for (const name of Object.keys(constraints)) {
      if (!presenceRules.has(name)) delete constraints[name]
    }
  }
  const written = context.rules.byProperty.get(result.property)?.rules
  const names = [...(written?.keys() ?? [])].filter((n) => n in constraints)
  for (const name of [...names, ...Object.keys(constraints).filter((n) => !names.includes(n))]) {
    const rule = written?.get(name) ?? { name, args: [], custom: false }
    const fallback = constraints[name]!.replace(result.property, `'${context.member}'`)
    const failure = rule.custom
      ? { errorCode: describeFailure(context.member, rule, { value: result.value, fallback }).errorCode, message: constraints[name]! }
      : describeFailure(context.member, rule, { value: result.value, fallback })
    context.walk.errors.push({ ...failure, fieldName: pathOf(context.walk.path, context.member) })
  }
}

function pathOf(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name
}
