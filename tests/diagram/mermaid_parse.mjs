// Parse Mermaid text files with the real Mermaid parser; print one JSON line per file.
// Mermaid's sanitiser (DOMPurify) needs a DOM, so jsdom provides one before mermaid loads.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, 'utf8'));
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(readFileSync(file, 'utf8'));
    const db = diagram.db;
    const vertices = Object.fromEntries(
      [...db.getVertices().entries()].map(([id, v]) => [id, v.text]),
    );
    const edges = db.getEdges().map((e) => [e.start, e.end, e.text, e.stroke]);
    const subgraphs = db.getSubGraphs().map((s) => [s.id, s.title, s.nodes]);
    console.log(JSON.stringify({ file, ok: true, type: result.diagramType, vertices, edges, subgraphs }));
  } catch (err) {
    failed += 1;
    console.log(JSON.stringify({ file, ok: false, error: String(err.message || err) }));
  }
}
process.exit(failed ? 1 : 0);
