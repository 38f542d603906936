/**
 * GET /api/docs: a small self-contained page that renders /api/openapi.json (no CDN: the machines may have no
 * internet). Its one inline script runs under a per-response CSP nonce; everything is written with textContent.
 */
export function docsPage(nonce: string): string {
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>e-Saraban API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
  body { font-family: system-ui, 'Sarabun', sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 2rem; color: #222; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
  details { border: 1px solid #ddd; border-radius: 6px; margin: .4rem 0; }
  summary { cursor: pointer; padding: .5rem; display: flex; gap: .8rem; align-items: baseline; }
  .m { font-weight: bold; width: 4.5rem; text-transform: uppercase; }
  .get { color: #1565c0; } .post { color: #2e7d32; } .put, .patch { color: #ef6c00; } .delete { color: #c62828; }
  .p { font-family: monospace; } .s { color: #555; } .a { margin-left: auto; font-size: .8rem; color: #6a1b9a; }
  .body { padding: .5rem 1rem 1rem; } pre { background: #f6f6f6; padding: .6rem; overflow: auto; font-size: .8rem; }
  table { border-collapse: collapse; font-size: .9rem; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
</style>
</head>
<body>
<h1>e-Saraban BPM API</h1>
<p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Every call but the public ones sends
<code>Authorization: Bearer &lt;token&gt;</code>.</p>
<main id="api">Loading…</main>
<script nonce="${nonce}">
(async () => {
  const root = document.getElementById('api');
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  const doc = await (await fetch('/api/openapi.json')).json();
  root.textContent = '';
  root.append(el('p', 's', doc.info.title + ' — ' + doc.info.version));
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push([path, method, op]);
  for (const tag of Object.keys(byTag).sort()) {
    root.append(el('h2', '', tag));
    for (const [path, method, op] of byTag[tag]) {
      const d = el('details'); const s = el('summary');
      s.append(el('span', 'm ' + method, method), el('span', 'p', path), el('span', 's', op.summary), el('span', 'a', op['x-access']));
      const body = el('div', 'body');
      if (op.parameters?.length) {
        const t = el('table'); const h = el('tr'); ['name', 'in', 'required', 'schema'].forEach((c) => h.append(el('th', '', c))); t.append(h);
        for (const p of op.parameters) { const r = el('tr'); r.append(el('td', 'p', p.name), el('td', '', p.in), el('td', '', p.required ? 'yes' : ''), el('td', 'p', JSON.stringify(p.schema))); t.append(r); }
        body.append(el('h4', '', 'Parameters'), t);
      }
      const content = op.requestBody?.content;
      if (content) for (const [type, c] of Object.entries(content)) body.append(el('h4', '', 'Body: ' + type), el('pre', '', JSON.stringify(c.schema, null, 2)));
      body.append(el('h4', '', 'Answers'), el('p', 's', Object.entries(op.responses).map(([k, v]) => k + ' ' + v.description).join(' · ')));
      d.append(s, body); root.append(d);
    }
  }
})().catch((e) => { document.getElementById('api').textContent = 'Could not load the API description: ' + e; });
</script>
</body>
</html>
`;
}
