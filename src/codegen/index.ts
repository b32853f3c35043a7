/**
 * The code generators, for `dtostack/codegen`: typed client DTOs from the model of an
 * application, in TypeScript and Python.
 */
export { generatePython } from './python'
export { generateTypeScript } from './typescript'
export { readCodegenOptions, type CodegenOptions } from './options'
export { sameApartFromDate } from './drift'
