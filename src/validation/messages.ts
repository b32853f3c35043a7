/**
 * ServiceStack's validation codes and default English messages for class-validator's
 * rules, so clients that show `errors[].message` read what they read from ServiceStack.
 */
import { splitWords } from '../registry/names'

/** What a failing rule becomes on the wire. */
export interface RuleFailure {
  readonly errorCode: string
  readonly message: string
}

/** A rule as class-validator recorded it. */
export interface RuleInfo {
  readonly name: string
  readonly args: readonly unknown[]
}

type Describe = (name: string, args: readonly unknown[], value: unknown) => RuleFailure

const quoted = (name: string) => `'${splitWords(name)}'`
const lengthOf = (value: unknown) => (typeof value === 'string' ? value.length : 0)

const rules: Record<string, Describe> = {
  isNotEmpty: (n) => ({ errorCode: 'NotEmpty', message: `${quoted(n)} must not be empty.` }),
  isDefined: (n) => ({ errorCode: 'NotNull', message: `${quoted(n)} must not be empty.` }),
  isEmpty: (n) => ({ errorCode: 'Empty', message: `${quoted(n)} must be empty.` }),
  isEmail: (n) => ({ errorCode: 'Email', message: `${quoted(n)} is not a valid email address.` }),
  isCreditCard: (n) => ({ errorCode: 'CreditCard', message: `${quoted(n)} is not a valid credit card number.` }),
  matches: (n) => ({ errorCode: 'RegularExpression', message: `${quoted(n)} is not in the correct format.` }),
  isEnum: (n, _, v) => ({
    errorCode: 'Enum',
    message: `${quoted(n)} has a range of values which does not include '${String(v)}'.`,
  }),
  isIn: (n, _, v) => ({
    errorCode: 'Enum',
    message: `${quoted(n)} has a range of values which does not include '${String(v)}'.`,
  }),
  isLength: (n, [min, max], v) =>
    max === undefined
      ? rules.minLength!(n, [min], v)
      : {
          errorCode: 'Length',
          message: `${quoted(n)} must be between ${min} and ${max} characters. You entered ${lengthOf(v)} characters.`,
        },
  minLength: (n, [min], v) => ({
    errorCode: 'MinimumLength',
    message: `The length of ${quoted(n)} must be at least ${min} characters. You entered ${lengthOf(v)} characters.`,
  }),
  maxLength: (n, [max], v) => ({
    errorCode: 'MaximumLength',
    message: `The length of ${quoted(n)} must be ${max} characters or fewer. You entered ${lengthOf(v)} characters.`,
  }),
  min: (n, [min]) => ({
    errorCode: 'GreaterThanOrEqual',
    message: `${quoted(n)} must be greater than or equal to '${min}'.`,
  }),
  max: (n, [max]) => ({
    errorCode: 'LessThanOrEqual',
    message: `${quoted(n)} must be less than or equal to '${max}'.`,
  }),
  isPositive: (n) => ({ errorCode: 'GreaterThan', message: `${quoted(n)} must be greater than '0'.` }),
  isNegative: (n) => ({ errorCode: 'LessThan', message: `${quoted(n)} must be less than '0'.` }),
  equals: (n, [v]) => ({ errorCode: 'Equal', message: `${quoted(n)} must be equal to '${v}'.` }),
  notEquals: (n, [v]) => ({ errorCode: 'NotEqual', message: `${quoted(n)} must not be equal to '${v}'.` }),
}

/** The failure a required member that is missing produces. */
export function requiredFailure(name: string): RuleFailure {
  return rules.isDefined!(name, [], undefined)
}

/**
 * The code and message of a failing rule. Rules without a ServiceStack equivalent keep
 * class-validator's message with the member's display name, and a code derived from the
 * rule's name (`isUrl` → `Url`).
 */
export function describeFailure(
  member: string,
  rule: RuleInfo,
  detail: { value: unknown; fallback: string },
): RuleFailure {
  const describe = rules[rule.name]
  if (describe) return describe(member, rule.args, detail.value)
  const code = rule.name.replace(/^is(?=[A-Z])/, '')
  return { errorCode: code[0]!.toUpperCase() + code.slice(1), message: detail.fallback }
}
