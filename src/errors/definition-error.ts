/**
 * Codes of the mistakes found in DTO and service definitions at startup. Each names the
 * area first, then what is wrong; retired codes are never reused.
 */
export const definitionCodes = [
  'DEF_TYPE_AMBIGUOUS',
  'DEF_TYPE_UNRESOLVED',
  'DEF_TYPE_DUPLICATE_NAME',
  'DEF_TYPE_NOT_CONSTRUCTIBLE',
  'DEF_TYPE_UNDECLARED_PROPERTY',
  'DEF_GENERIC_ARGS',
  'DEF_ENUM_UNNAMED',
  'DEF_ENUM_INVALID',
  'DEF_ROUTE_INVALID',
  'DEF_ROUTE_PARAM_MISSING',
  'DEF_ROUTE_DUPLICATE',
  'DEF_SERVICE_HANDLER',
  'DEF_SERVICE_DUPLICATE',
  'DEF_OPERATION_RESPONSE',
  'DEF_MODULE_INVALID',
  'DEF_OPTION_INVALID',
  'DEF_PROPERTY_NAME',
] as const

/** A code of {@link definitionCodes}. */
export type DefinitionCode = (typeof definitionCodes)[number]

/**
 * A mistake in the application's DTOs, services or options, found while the model is
 * built at startup. The message names the offending declaration as `Class.property`.
 */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError'

  constructor(
    readonly code: DefinitionCode,
    message: string,
  ) {
    super(message)
  }
}
