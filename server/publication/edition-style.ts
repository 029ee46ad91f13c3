/**
 * The stylesheet of an edition's public page, its HTML download and its PDF (Chromium prints the
 * same file). One file's worth of CSS, inlined so the download stands alone; print rules number
 * the pages and start each section on a new one.
 */
export const EDITION_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --rule: #c9ced6; --accent: #0b4f8a; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
.skip-link { position: absolute; left: -10000px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem 1rem; outline: 3px solid var(--accent); }
header.page, main, footer.page { max-width: 44rem; margin: 0 auto; padding: 0 1.25rem; }
header.page { padding-top: 1rem; font: .9375rem/1.4 system-ui, sans-serif; color: var(--muted); }
footer.page { padding: 2rem 1.25rem 3rem; font: .9375rem/1.5 system-ui, sans-serif; color: var(--muted); border-top: 1px solid var(--rule); margin-top: 3rem; }
h1, h2, h3, h4, h5 { font-family: system-ui, sans-serif; line-height: 1.25; margin: 2rem 0 .75rem; }
h1 { font-size: 2.25rem; margin-top: 1rem; }
h2 { font-size: 1.625rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1.3rem; } h4 { font-size: 1.125rem; } h5 { font-size: 1rem; }
a { color: var(--accent); text-underline-offset: .15em; }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.edition-title { padding: 2rem 0 1rem; }
.edition-publisher, .edition-meta, .edition-change { font-family: system-ui, sans-serif; color: var(--muted); margin: .25rem 0; }
.edition-contents ol { padding-left: 1.5rem; }
blockquote { margin: 1rem 0; padding: .25rem 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
pre { background: #f3f4f6; padding: .75rem 1rem; overflow-x: auto; font-size: .9rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font: .9375rem/1.4 system-ui, sans-serif; }
th, td { border: 1px solid var(--rule); padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
dt { font-weight: 600; margin-top: .5rem; }
dd { margin: 0 0 .5rem 1.25rem; }
.edition-tools { font: .9375rem/1.5 system-ui, sans-serif; }
.edition-tools ul { padding-left: 1.25rem; }
.cite { background: #f3f4f6; padding: .75rem 1rem; }
@page { size: A4; margin: 2.2cm 2cm; @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; color: #4a5360; } }
@page :first { @bottom-center { content: none; } }
@media print {
  body { font-size: 11pt; }
  .skip-link, .edition-tools, header.page { display: none; }
  main, footer.page { max-width: none; padding: 0; }
  .edition-title { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; }
  article > section, .edition-contents { break-before: page; }
  h1, h2, h3, h4, h5 { break-after: avoid; }
  tr, blockquote, pre { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; }
}
`
