/** The frame every metadata page shares, and its one stylesheet. */
import { html, type Content, type Html } from './html'

/** What a page frame needs. */
export interface PageFrame {
  readonly title: string
  readonly serviceName: string
  /** The path the API is served under (`''` or `/v1`). */
  readonly prefix: string
  /** A link back to the index, on every page but the index. */
  readonly backLink: boolean
  readonly body: Content
}

/** A whole HTML document. */
export function page(frame: PageFrame): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title}</title>
<link rel="stylesheet" href="${frame.prefix}/metadata/style.css">
</head>
<body>
<header>
<h1>${frame.serviceName}</h1>
${frame.backLink && html`<p class="back"><a href="${frame.prefix}/metadata">&lt;back to all web services</a></p>`}
</header>
<main>
${frame.body}
</main>
</body>
</html>
`
}

/** The stylesheet of every page: readable without it, and without scripts. */
export const stylesheet = `:root { color-scheme: light dark; --line: #c8ccd2; --soft: #f3f4f6; --ink: #1c2024; --accent: #1f5fbf; }
@media (prefers-color-scheme: dark) { :root { --line: #3a3f46; --soft: #22262b; --ink: #e6e8eb; --accent: #7fb0ff; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.5 system-ui, sans-serif; color: var(--ink); }
a { color: var(--accent); }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { margin: 1.25rem 0 .5rem; font-size: 1.4rem; }
h3 { margin: 1.5rem 0 .5rem; font-size: 1.1rem; }
.back { margin: 0 0 1rem; }
.description { font-size: 1.05rem; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
caption { text-align: left; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
table.auth, table.routes, table.enum { width: auto; }
table.auth caption, table.routes caption, table.enum caption { white-space: nowrap; }
table.routes th { font-family: ui-monospace, monospace; }
td.path, td.type { font-family: ui-monospace, monospace; }
pre { background: var(--soft); border: 1px solid var(--line); padding: .75rem; overflow-x: auto; font: 13px/1.45 ui-monospace, monospace; tab-size: 4; }
pre + pre { margin-top: -.5rem; }
.value { color: var(--accent); }
nav.views { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0 0; }
nav.views form { display: flex; gap: .25rem; margin: 0; }
nav.views input { font: inherit; padding: .2rem .7rem; border: 1px solid var(--line); border-radius: .3rem; background: transparent; color: inherit; cursor: pointer; }
nav.views input[aria-current] { background: var(--accent); border-color: var(--accent); color: #fff; cursor: default; }
.operations td.access { white-space: nowrap; }
`
