"""The report's stylesheet, inlined into the page: no external CSS, fonts or scripts.

System font stacks only (a web font would be a network request or a large data URI). Colours
match the diagram's highlight colours. `@media print` drops the shadows and backgrounds that
waste ink, keeps the score meters and budget bars (print-color-adjust), and avoids breaking a
finding or a bar across pages.
"""

CSS = """
:root {
  --ink: #1d2733; --muted: #5b6773; --line: #dde3ea; --paper: #ffffff; --wash: #f4f6f9;
  --error: #c62828; --error-bg: #fdecea; --warning: #b85c00; --warning-bg: #fff3e0;
  --info: #1f5fa8; --info-bg: #e8f1fb; --ok: #2e7d32; --ok-bg: #e8f5e9;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 28px 28px 48px; }
h1 { font-size: 30px; line-height: 1.2; margin: 2px 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 21px; margin: 0 0 12px; }
h3 { font-size: 16px; margin: 0; }
a { color: var(--info); }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono",
  monospace; font-size: 0.92em; }
.card {
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 20px 22px; margin: 18px 0; box-shadow: 0 1px 2px rgba(20, 30, 40, 0.05);
}
.top { display: flex; gap: 24px; align-items: center; justify-content: space-between; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; color: var(--muted);
  margin: 0; }
.desc { margin: 4px 0 8px; color: var(--muted); max-width: 760px; overflow-wrap: anywhere; }
.file { margin: 0; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.overall { text-align: center; min-width: 150px; padding: 14px 18px; border-radius: 12px;
  border: 2px solid currentColor; }
.overall .num { font-size: 46px; font-weight: 700; line-height: 1; }
.overall .of { font-size: 18px; opacity: 0.8; }
.overall p { margin: 6px 0 0; font-size: 13px; }
.band-good { color: var(--ok); background: var(--ok-bg); }
.band-fair { color: var(--warning); background: var(--warning-bg); }
.band-poor { color: var(--error); background: var(--error-bg); }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin: 10px 0 0; padding: 0;
  list-style: none; }
.pill { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 12.5px;
  font-weight: 600; white-space: nowrap; }
.sev-error { color: var(--error); background: var(--error-bg); }
.sev-warning { color: var(--warning); background: var(--warning-bg); }
.sev-info { color: var(--info); background: var(--info-bg); }
.ok { color: var(--ok); background: var(--ok-bg); }
.phase-grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
.phase-grid a { text-decoration: none; color: inherit; display: block;
  border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--paper); }
.phase-grid .score { font-size: 26px; font-weight: 700; }
.phase-grid .name { font-size: 13px; color: var(--muted); min-height: 2.6em; }
.meter { height: 8px; border-radius: 4px; background: #e7ebf0; overflow: hidden; margin: 6px 0; }
.meter span { display: block; height: 100%; border-radius: 4px; }
.meter .band-good { background: var(--ok); }
.meter .band-fair { background: #e08a00; }
.meter .band-poor { background: var(--error); }
.phase-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.phase-head .score { font-size: 22px; font-weight: 700; white-space: nowrap; }
.phase .meta { color: var(--muted); font-size: 13px; margin: 0 0 10px; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { border-left: 4px solid var(--line); padding: 8px 12px; margin: 8px 0;
  background: #fafbfc; border-radius: 0 6px 6px 0; break-inside: avoid; }
.finding.sev-error { border-left-color: var(--error); background: #fffafa; color: inherit; }
.finding.sev-warning { border-left-color: #e08a00; background: #fffcf6; color: inherit; }
.finding.sev-info { border-left-color: var(--info); background: #f9fbfe; color: inherit; }
.finding .line1 { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.finding .where { color: var(--muted); font-size: 12.5px; margin-left: auto; }
.finding .msg { margin: 4px 0 0; overflow-wrap: anywhere; }
.finding .help { margin: 3px 0 0; color: var(--muted); font-size: 13.5px; overflow-wrap: anywhere; }
.finding code, td code { background: #eef1f5; padding: 0 4px; border-radius: 4px;
  overflow-wrap: anywhere; }
.clean { color: var(--ok); margin: 0; }
figure { margin: 0; }
.diagram { overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 8px; }
.diagram svg { width: 100%; height: auto; max-height: 1100px; display: block; }
.zoom { position: absolute; opacity: 0; pointer-events: none; }
.zoom-title { font-size: 13px; color: var(--muted); margin-right: 6px; }
.zoom-label { display: inline-block; cursor: pointer; font-size: 13px; font-weight: 600;
  color: var(--info); border: 1px solid var(--line); border-radius: 6px; padding: 3px 10px;
  margin: 0 4px 10px 0; user-select: none; }
.zoom:checked + .zoom-label { background: var(--info); color: #fff; border-color: var(--info); }
.zoom:focus-visible + .zoom-label { outline: 2px solid var(--info); outline-offset: 1px; }
.note { background: var(--warning-bg); color: #6b3a00; border-radius: 6px; padding: 10px 14px; }
details pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--wash);
  padding: 10px; border-radius: 6px; font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow-wrap: anywhere; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.flow { margin: 14px 0 22px; break-inside: avoid; }
.flow-head { display: flex; justify-content: space-between; gap: 12px; align-items: baseline; }
.bar { position: relative; height: 34px; margin: 26px 0 8px; background: #eef1f5;
  border-radius: 6px; }
.bar .fill { display: flex; height: 100%; border-radius: 6px; overflow: hidden; }
.bar .seg { height: 100%; color: #fff; font-size: 12px; font-weight: 600; white-space: nowrap;
  overflow: hidden; text-overflow: clip; padding: 8px 0 0 6px; border-right: 2px solid #fff; }
.bar .sla { position: absolute; top: -8px; bottom: -8px; border-left: 3px solid var(--ink); }
.bar .sla span { position: absolute; top: -18px; left: -3px; font-size: 12px; font-weight: 600;
  white-space: nowrap; transform: translateX(-50%); }
.bar.over .sla { border-left-color: var(--error); }
.bar .excess { position: absolute; top: 0; bottom: 0; border-radius: 0 6px 6px 0;
  background: repeating-linear-gradient(135deg, rgba(198, 40, 40, 0.55) 0 6px,
    rgba(255, 255, 255, 0.35) 6px 11px); }
.legend { list-style: none; margin: 0; padding: 0; display: flex; gap: 6px 16px; flex-wrap: wrap;
  font-size: 13px; color: var(--muted); }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 3px;
  margin-right: 5px; vertical-align: -1px; }
.c0 { background: #1f77b4; } .c1 { background: #2ca02c; } .c2 { background: #9467bd; }
.c3 { background: #17a2b8; } .c4 { background: #8c564b; } .c5 { background: #d6589f; }
.c6 { background: #6c7a89; } .c7 { background: #bcbd22; }
.scoring ol, .scoring ul { margin: 6px 0; padding-left: 22px; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; margin-top: 24px; }
@media (max-width: 820px) {
  .top { flex-direction: column; align-items: flex-start; }
  .phase-grid { grid-template-columns: repeat(2, 1fr); }
}
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .card { box-shadow: none; border: none; border-top: 1px solid var(--line); border-radius: 0;
    padding: 10px 0; margin: 10px 0; }
  .diagram { break-inside: avoid; overflow: visible; max-height: none; border: none; }
  .diagram svg { width: 100% !important; max-height: 180mm !important; }
  .zoom-label, .zoom-title { display: none; }
  .top { flex-direction: row; align-items: center; }
  .phase-grid { grid-template-columns: repeat(4, 1fr); gap: 8px; }
  .phase-grid .score { font-size: 20px; }
  h1 { font-size: 22pt; }
  details { display: none; }
  a { color: inherit; text-decoration: none; }
  .phase-grid a { break-inside: avoid; }
}
"""
