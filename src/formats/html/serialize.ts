/**
 * Renders a response as a page people can read: the operation's name and the response as
 * nested tables. No script is embedded and every value is escaped, so a stored
 * `</script><script>` or `<img onerror>` shows as text.
 */
import type { TypeRef } from '../../registry/model'
import type { SerializeOptions } from '../format'
import { toJsonValue } from '../json'
import { escapeHtml } from './escape-html'

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1d2530}
h1{font-size:1.4rem}table{border-collapse:collapse;margin:.25rem 0}
th,td{border:1px solid #cfd6de;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f2f5f8;font-weight:600}.empty{color:#68737f}`

/** Writes a value of a model type as an HTML page. */
export function serializeHtml(value: unknown, type: TypeRef | undefined, options: SerializeOptions): string {
  const title = escapeHtml(options.operation ?? 'Response')
  const tree = toJsonValue(value, type, { ...options, dateStyle: 'iso8601' })
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${title}</title><style>${style}</style></head>` +
    `<body><main><h1>${title}</h1>${render(tree)}</main></body></html>`
  )
}

function render(value: unknown): string {
  if (value === null || value === undefined) return '<span class="empty">(none)</span>'
  if (Array.isArray(value)) return renderList(value)
  if (typeof value === 'object') return renderObject(value as Record<string, unknown>)
  return escapeHtml(String(value))
}

function renderObject(record: Record<string, unknown>): string {
  const rows = Object.entries(record)
    .map(([key, v]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${render(v)}</td></tr>`)
    .join('')
  return rows ? `<table><tbody>${rows}</tbody></table>` : '<span class="empty">(empty)</span>'
}

function renderList(items: readonly unknown[]): string {
  if (items.length === 0) return '<span class="empty">(none)</span>'
  const objects = items.every((i) => typeof i === 'object' && i !== null && !Array.isArray(i))
  if (!objects) return `<ul>${items.map((i) => `<li>${render(i)}</li>`).join('')}</ul>`
  const keys = [...new Set(items.flatMap((i) => Object.keys(i as object)))]
  const head = keys.map((k) => `<th scope="col">${escapeHtml(k)}</th>`).join('')
  const body = items
    .map((i) => `<tr>${keys.map((k) => `<td>${render((i as Record<string, unknown>)[k])}</td>`).join('')}</tr>`)
    .join('')
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}
