/** `/metadata`: every operation shown, with its description, access and format pages. */
import type { Format } from '../formats/format'
import type { AuthRules, OperationModel } from '../registry/model'
import { html, type Html } from './html'
import type { Language } from './languages'
import { page } from './layout'

/** What the index shows besides the operations. */
export interface IndexPageContext {
  readonly serviceName: string
  readonly prefix: string
  readonly formats: readonly Format[]
  readonly languages: readonly Language[]
}

/** Renders the index of the given operations, in their order. */
export function indexPage(operations: readonly OperationModel[], context: IndexPageContext): Html {
  const { prefix } = context
  const first = context.formats[0]!.name
  const rows = operations.map((op) => {
    const name = encodeURIComponent(op.name)
    const links = context.formats.map(
      (format) => html`<td><a href="${prefix}/${format.name}/metadata?op=${name}">${format.name.toUpperCase()}</a></td>`,
    )
    return html`<tr><th scope="row"><a href="${prefix}/${first}/metadata?op=${name}">${op.name}</a></th><td>${op.request.description}</td><td class="access">${access(op.auth)}</td>${links}</tr>\n`
  })
  const dtoLinks = context.languages.map((l) => html`<li><a href="${prefix}/types/${l.name}">${l.label}</a></li>\n`)
  return page({
    title: context.serviceName,
    serviceName: context.serviceName,
    prefix,
    backLink: false,
    body: html`<p>The following operations are available.</p>
<table class="operations">
<caption>Operations</caption>
<thead><tr><th scope="col">Operation</th><th scope="col">Description</th><th scope="col">Access</th><th scope="col" colspan="${context.formats.length}">Formats</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
<h3>Typed DTOs</h3>
<ul>
${dtoLinks}<li><a href="${prefix}/types/metadata">All types and operations, as JSON</a></li>
<li><a href="${prefix}/api">Operations by tag, as JSON</a></li>
</ul>
`,
  })
}

// Who may call an operation, in a few words.
function access(auth: AuthRules): string {
  if (!auth.requiresAuth) return 'Public'
  const parts = [
    auth.roles.length > 0 && `role ${auth.roles.join(' and ')}`,
    auth.anyRoles.length > 0 && `a role of ${auth.anyRoles.join(', ')}`,
    auth.permissions.length > 0 && `permission ${auth.permissions.join(' and ')}`,
    auth.anyPermissions.length > 0 && `a permission of ${auth.anyPermissions.join(', ')}`,
  ].filter(Boolean)
  return parts.length === 0 ? 'Signed in' : `Signed in, ${parts.join('; ')}`
}
