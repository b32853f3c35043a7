/** The `""" Options: ... """` header and the imports of generated Python. */
import { generatorVersion, headerLines, type CodegenOptions, type HeaderOption } from '../options'

/** The imports ServiceStack's generator writes by default. */
export const defaultImports = [
  'import datetime',
  'import decimal',
  'from marshmallow.fields import *',
  'from servicestack import *',
  'from typing import *',
  'from dataclasses import dataclass, field',
  'from dataclasses_json import dataclass_json, LetterCase, Undefined, config',
  'from enum import Enum, IntEnum',
]

const names: readonly HeaderOption[] = [
  { name: 'GlobalNamespace', fallback: '' },
  { name: 'AddServiceStackTypes', fallback: 'True' },
  { name: 'AddResponseStatus', fallback: 'False' },
  { name: 'AddImplicitVersion', fallback: '' },
  { name: 'AddDescriptionAsComments', fallback: 'True' },
  { name: 'IncludeTypes', fallback: '' },
  { name: 'ExcludeTypes', fallback: '' },
  {
    name: 'DefaultImports',
    fallback:
      'datetime,decimal,marshmallow.fields:*,servicestack:*,typing:*,dataclasses:dataclass/field,dataclasses_json:dataclass_json/LetterCase/Undefined/config,enum:Enum/IntEnum',
  },
  { name: 'DataClass', fallback: '' },
  { name: 'DataClassJson', fallback: '' },
  { name: 'SelfContained', fallback: 'False' },
]

/** The header block, or nothing with `WithoutOptions`. */
export function emitPythonHeader(options: CodegenOptions, date: Date): string {
  if (options.withoutOptions) return ''
  const lines = headerLines(options, { comment: '#', version: generatorVersion, date, names })
  return `""" Options:\n${lines.join('\n')}\n"""\n\n`
}
