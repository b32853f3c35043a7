// Keys under which the contract decorators record what they are told. Only the registry
// reads them, once, at startup.

/** @internal The class-level record of a DTO. */
export const kDtoClass = Symbol('dtostack.dto.class')
/** @internal The properties a DTO class declares itself, in declaration order. */
export const kDtoProperties = Symbol('dtostack.dto.properties')
/** @internal The handler methods of a service class. */
export const kServiceHandlers = Symbol('dtostack.service.handlers')
/** @internal Rules recorded on a service class or method (auth, filters). */
export const kServiceRules = Symbol('dtostack.service.rules')
/** @internal Brand of the objects built by `t`. */
export const kTypeSpec = Symbol('dtostack.typeSpec')
