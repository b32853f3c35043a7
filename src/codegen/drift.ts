/** Whether a generated file is still what the model produces. */

/** Compares two generated files, ignoring the `Date:` line of their headers. */
export function sameApartFromDate(a: string, b: string): boolean {
  const strip = (text: string) => text.replace(/^Date: .*$/m, 'Date:')
  return strip(a) === strip(b)
}
