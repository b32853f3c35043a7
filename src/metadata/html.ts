/**
 * HTML built so that text cannot become markup: every value placed in an {@link html}
 * template is escaped unless it is itself {@link Html} made by the template.
 */
import { escapeHtml } from '../formats/html/escape-html'

/** Markup that is safe to place as it is: made by {@link html} or {@link raw}. */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text
  }
}

/** What a template may hold: text (escaped), markup, lists of either, and nothing. */
export type Content = Html | string | number | false | null | undefined | readonly Content[]

/**
 * A template whose values are escaped as text.
 *
 * @example
 * html`<td>${property.description}</td>` // a description with `<script>` stays text
 */
export function html(strings: TemplateStringsArray, ...values: readonly Content[]): Html {
  let text = strings[0]!
  for (let i = 0; i < values.length; i++) text += render(values[i]!) + strings[i + 1]!
  return new Html(text)
}

/** Markup written by this module's own code, never text from a model or a request. */
export function raw(markup: string): Html {
  return new Html(markup)
}

function render(value: Content): string {
  if (value instanceof Html) return value.text
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === false || value === null || value === undefined) return ''
  return escapeHtml(String(value))
}
