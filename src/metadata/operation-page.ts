/**
 * The page of one operation in one format (`/xml/metadata?op=NewDeviceToken`), with the
 * sections of ServiceStack's pages in their order; with `lang`, the operation's DTOs in
 * that language instead of the type tables.
 */
import type { Format } from '../formats/format'
import type { AuthRules, OperationModel } from '../registry/model'
import { html, raw, type Content, type Html } from './html'
import type { Language } from './languages'
import { page } from './layout'
import { sampleExchange, type SampleContext } from './sample-messages'
import { typeTables, type TypeTable } from './type-tables'

/** Marks where the request's host goes in a rendered page: no escaped text can contain it. */
export const hostMarker = '<!--host-->'

/** What an operation page shows besides the operation. */
export interface OperationPageContext extends SampleContext {
  readonly serviceName: string
  /** The formats that have pages, in the order the switcher lists them. */
  readonly formats: readonly Format[]
  readonly languages: readonly Language[]
  /** The language shown instead of the tables, if any. */
  readonly language?: Language
  /** The operation's DTOs in that language, without the generator's header. */
  readonly source?: string
}

/** Renders the page; the host appears as {@link hostMarker}. */
export function operationPage(op: OperationModel, context: OperationPageContext): Html {
  return page({
    title: `${op.name} | ${context.serviceName}`,
    serviceName: context.serviceName,
    prefix: context.prefix,
    backLink: true,
    body: [
      views(op, context),
      html`<h2>${op.name}</h2>\n`,
      op.request.description && html`<p class="description">${lines(op.request.description)}</p>\n`,
      authTable(op.auth),
      routesTable(op),
      context.language ? sourceBlock(op, context) : typeTables(op).map(table),
      samples(op, context),
    ],
  })
}

// The format and language switchers: plain forms, so they work without scripts. Their
// labels are the buttons' values, so the page's text is the operation's alone.
function views(op: OperationModel, context: OperationPageContext): Html {
  const here = `${context.prefix}/${context.format.name}/metadata`
  const current = (yes: boolean) => (yes ? raw(' aria-current="page"') : '')
  const formatButtons = context.formats.map(
    (format) =>
      html`<input type="submit" value="${format.name.toUpperCase()}" formaction="${context.prefix}/${format.name}/metadata"${current(format === context.format)}>`,
  )
  const languageButtons = context.languages.map(
    (language) => html`<input type="submit" name="lang" value="${language.label}"${current(language === context.language)}>`,
  )
  return html`<nav class="views" aria-label="Format and language">
<form method="get" action="${here}" aria-label="Format"><input type="hidden" name="op" value="${op.name}">${context.language && html`<input type="hidden" name="lang" value="${context.language.label}">`}${formatButtons}</form>
<form method="get" action="${here}" aria-label="Language"><input type="hidden" name="op" value="${op.name}"><input type="submit" value="Metadata"${current(!context.language)}>${languageButtons}</form>
</nav>
`
}

function authTable(auth: AuthRules): Content {
  if (!auth.requiresAuth) return undefined
  const rows = [
    ruleRow(auth.roles, 'Required role:', 'Required roles:'),
    ruleRow(auth.anyRoles, 'Requires the role:', 'Requires any of the roles:'),
    ruleRow(auth.permissions, 'Required permission:', 'Required permissions:'),
    ruleRow(auth.anyPermissions, 'Requires the permission:', 'Requires any of the permissions:'),
  ]
  return html`<table class="auth"><caption>Requires Authentication</caption><tbody>${rows}</tbody></table>\n`
}

function ruleRow(names: readonly string[], one: string, many: string): Content {
  if (names.length === 0) return undefined
  return html`<tr><th scope="row">${names.length === 1 ? one : many}</th><td>${names.join(', ')}</td></tr>`
}

function routesTable(op: OperationModel): Content {
  if (op.routes.length === 0) return undefined
  const rows = op.routes.map(
    (route) =>
      html`<tr><th scope="row">${route.verbs ? route.verbs.join(',') : 'All Verbs'}</th><td class="path">${route.path}</td>${route.summary && html`<td>${route.summary}</td>`}${route.notes && html`<td><i>${route.notes}</i></td>`}</tr>`,
  )
  return html`<table class="routes"><caption>The following routes are available for this service:</caption><tbody>${rows}</tbody></table>\n`
}

function table(section: TypeTable): Html {
  if (section.kind === 'enum') {
    const withValues = section.members.some((m) => m.value !== undefined)
    const head = withValues ? html`<thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>` : ''
    const rows = section.members.map((m) => (withValues ? html`<tr><td>${m.name}</td><td>${m.value}</td></tr>` : html`<tr><td>${m.name}</td></tr>`))
    return html`<table class="enum"><caption><b>${section.caption}</b> Enum:</caption>${head}<tbody>${rows}</tbody></table>\n`
  }
  const rows = section.rows.map(
    (row) =>
      html`<tr><td>${row.name}</td><td>${row.parameter}</td><td class="type">${row.dataType}</td><td>${row.required ? 'Yes' : 'No'}</td><td>${row.description && lines(row.description)}</td></tr>`,
  )
  return html`<table class="params"><caption><b>${section.caption}</b> Parameters:</caption><thead><tr><th scope="col">Name</th><th scope="col">Parameter</th><th scope="col">Data Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>\n`
}

function sourceBlock(op: OperationModel, context: OperationPageContext): Html {
  const language = context.language!
  const link = `${context.prefix}/types/${language.name}?IncludeTypes=${encodeURIComponent(op.name)}.*`
  return html`<pre><code class="language-${language.name}">${context.source}</code></pre>
<p><a href="${link}">${language.label} ${op.name} DTOs</a></p>
`
}

function samples(op: OperationModel, context: OperationPageContext): Html {
  const name = context.format.name
  const exchange = sampleExchange(op, context)
  const head = html`${exchange.requestLine} \nHost: ${raw(hostMarker)} \nAccept: ${exchange.mediaType}`
  const request = exchange.requestBody === undefined
    ? head
    : html`${head}
Content-Type: ${exchange.bodyMediaType}
Content-Length: <span class="value">length</span>

${exchange.requestBody}`
  const response = exchange.responseBody !== undefined && html`<pre class="response">HTTP/1.1 200 OK
Content-Type: ${exchange.mediaType}
Content-Length: length

${exchange.responseBody}</pre>
`
  return html`<p>To override the Content-type in your clients, use the HTTP <b>Accept</b> Header, append the <b>.${name}</b> suffix or <b>?format=${name}</b></p>
${name === 'json' && raw('<p>To embed the response in a <b>jsonp</b> callback, append <b>?callback=myCallback</b></p>\n')}<h3>HTTP + ${name.toUpperCase()}</h3>
<p>The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.</p>
<pre class="request">${request}</pre>
${response}`
}

// Text with its line breaks kept.
function lines(text: string): Content {
  return text.split(/\r?\n/).map((line, i) => (i === 0 ? line : [raw('<br>'), line]))
}
