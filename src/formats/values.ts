/**
 * Text forms of the model's scalar types, shared by every format and by binding:
 * instants, durations, GUIDs, bytes, numbers and booleans, written one way and read
 * leniently (ISO-8601 and WCF `/Date(ms)/` instants, XSD and `hh:mm:ss` durations).
 */

/** How instants are written in JSON. */
export type DateStyle = 'iso8601' | 'wcf'

/** `2024-01-02T03:04:05Z`, with milliseconds only when there are some. */
export function formatIsoDate(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z')
}

/** `/Date(1704164645000)/`: the WCF form ServiceStack's older clients read. */
export function formatWcfDate(date: Date): string {
  return `/Date(${date.getTime()})/`
}

const wcfPattern = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/
const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * Reads an instant: ISO-8601 (`2024-01-02`, `2024-01-02T03:04:05.123Z`, with an offset) or
 * WCF (`/Date(ms)/`, `/Date(ms+0100)/`). A time without an offset is taken as UTC.
 * Returns `undefined` for anything else: impossible dates (`2024-02-30`), offsets past
 * ±14:00, and instants outside the years 1 to 9999 in UTC, which .NET's DateTime cannot
 * hold.
 */
export function parseDate(text: string): Date | undefined {
  const wcf = wcfPattern.exec(text)
  if (wcf) {
    const date = new Date(Number(wcf[1]))
    const year = date.getUTCFullYear()
    return Number.isNaN(date.getTime()) || year < 1 || year > 9999 ? undefined : date
  }
  const iso = isoPattern.exec(text)
  if (!iso) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = iso
  const offset = offsetMinutes(zone)
  if (offset === undefined) return undefined
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3))
  // Not Date.UTC: it reads the years 0 to 99 as 1900 to 1999.
  const check = new Date(0)
  check.setUTCFullYear(Number(y), Number(mo) - 1, Number(d))
  check.setUTCHours(Number(h), Number(mi), Number(s), ms)
  const utc = check.getTime()
  if (
    Number(y) < 1 ||
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 || Number(mi) > 59 || Number(s) > 59
  ) {
    return undefined
  }
  // The offset may carry the instant across a year boundary: the bound is on the instant.
  const date = new Date(utc - offset * 60_000)
  const year = date.getUTCFullYear()
  return year < 1 || year > 9999 ? undefined : date
}

// An offset in minutes, or undefined past what a time zone can be (±14:00, minutes < 60).
function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone || zone.toUpperCase() === 'Z') return 0
  const digits = zone.replace(':', '')
  const hours = Number(digits.slice(1, 3))
  const minutes = Number(digits.slice(3, 5))
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined
  return digits[0] === '-' ? -(hours * 60 + minutes) : hours * 60 + minutes
}

/** An XSD duration from milliseconds: `PT0S`, `PT1H30M`, `P1DT2H`, `PT1.5S`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : ''
  let rest = Math.abs(ms)
  const days = Math.floor(rest / 86_400_000)
  rest -= days * 86_400_000
  const hours = Math.floor(rest / 3_600_000)
  rest -= hours * 3_600_000
  const minutes = Math.floor(rest / 60_000)
  rest -= minutes * 60_000
  const seconds = rest / 1000
  let time = ''
  if (hours) time += `${hours}H`
  if (minutes) time += `${minutes}M`
  if (seconds) time += `${Number(seconds.toFixed(3))}S`
  if (!days && !time) return 'PT0S'
  return `${sign}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`
}

const xsdDuration =
  /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/
const clockDuration = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/

/** Reads a duration as milliseconds: XSD (`PT1H30M`) or .NET's `[d.]hh:mm[:ss[.fff]]`. */
export function parseDuration(text: string): number | undefined {
  const xsd = xsdDuration.exec(text)
  if (xsd && text !== 'P' && !text.endsWith('T')) {
    const [, sign, d = '0', h = '0', m = '0', s = '0'] = xsd
    const ms = Number(d) * 86_400_000 + Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000
    return sign ? -Math.round(ms) : Math.round(ms)
  }
  const clock = clockDuration.exec(text)
  if (clock) {
    const [, sign, d = '0', h, m, s = '0', fraction = ''] = clock
    if (Number(m) > 59 || Number(s) > 59) return undefined
    const ms =
      Number(d) * 86_400_000 + Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 +
      Number(fraction.padEnd(3, '0').slice(0, 3))
    return sign ? -ms : ms
  }
  return undefined
}

const guidPattern = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i

/** Reads a GUID with or without dashes or braces, as lower case with dashes. */
export function parseGuid(text: string): string | undefined {
  const match = guidPattern.exec(text)
  return match ? match.slice(1).join('-').toLowerCase() : undefined
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Reads base64 (standard alphabet, padded) as bytes. */
export function parseBase64(text: string): Buffer | undefined {
  return base64Pattern.test(text) ? Buffer.from(text, 'base64') : undefined
}

const integerPattern = /^[+-]?\d+$/
const decimalPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** Reads an integer within the given bounds. */
export function parseInteger(text: string, min: number, max: number): number | undefined {
  if (!integerPattern.test(text)) return undefined
  const value = Number(text)
  return value >= min && value <= max ? value : undefined
}

/** Reads a finite number, or `NaN`, `INF`/`Infinity` and their negatives. */
export function parseNumber(text: string): number | undefined {
  if (decimalPattern.test(text)) return Number(text)
  switch (text) {
    case 'NaN':
      return Number.NaN
    case 'INF':
    case 'Infinity':
      return Number.POSITIVE_INFINITY
    case '-INF':
    case '-Infinity':
      return Number.NEGATIVE_INFINITY
    default:
      return undefined
  }
}

const truthy = new Set(['true', '1', 't', 'y', 'on'])
const falsy = new Set(['false', '0', 'f', 'n', 'off'])

/** Reads a boolean as ServiceStack does: true/false, 1/0, t/f, y/n, on/off in any case. */
export function parseBoolean(text: string): boolean | undefined {
  const head = text.split(',', 1)[0]!.trim().toLowerCase()
  if (truthy.has(head)) return true
  if (falsy.has(head)) return false
  return undefined
}

/** The bounds of the integer types. */
export const integerBounds = {
  int: [-2_147_483_648, 2_147_483_647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const
