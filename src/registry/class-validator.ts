/**
 * class-validator, loaded only once some class has rules. Its decorators keep every rule
 * in one storage that all copies of it share through a global (`classValidatorMetadataStorage`),
 * created by the first decorator applied: while it is absent no class has a rule, and an
 * API that declares none starts without loading the library (a large one) at all.
 */
import type * as ClassValidator from 'class-validator'

type ValidationMetadata = ReturnType<ClassValidator.MetadataStorage['getTargetValidationMetadatas']>[number]

let loaded: typeof ClassValidator | undefined

/** The class-validator module; loads it on first call. */
export function classValidator(): typeof ClassValidator {
  // A require rather than an import: the point is to load it only when it is needed.
  loaded ??= require('class-validator') as typeof ClassValidator
  return loaded
}

/** Whether any class-validator decorator has been applied anywhere yet. */
function anyRulesDeclared(): boolean {
  return (globalThis as { classValidatorMetadataStorage?: unknown }).classValidatorMetadataStorage !== undefined
}

/** The class-validator rules of a class and its ancestors, as class-validator lists them. */
export function rulesMetadataOf(ctor: Function): ValidationMetadata[] {
  if (!anyRulesDeclared()) return []
  return classValidator().getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false)
}
