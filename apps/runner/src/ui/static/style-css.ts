/** The stylesheet, served as /static/ui.css (kept in the bundle: no files to copy, no CDN). */
export const STYLE_CSS = `:root {
  --fresh: #2f9e5b; --stale: #d99a00; --failed: #d64545; --running: #3b7dd8; --never: #c8cdd5;
  --ink: #1f2430; --muted: #6b7280; --line: #e3e6eb; --bg: #f6f7f9; --card: #fff; --accent: #2c5fb8;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg);
}
body { margin: 0; font-size: 14px; line-height: 1.45; }
main { padding: 16px 24px 48px; max-width: 1280px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 22px; margin: 8px 0 16px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
h3 { font-size: 14px; margin: 0 0 8px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); font-weight: normal; }
.small { font-size: 12px; }
.error { color: var(--failed); }
.warn { color: #9a6700; }
.top { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #1f2a3d; }
.top .brand { color: #fff; font-weight: 700; font-size: 17px; letter-spacing: .5px; }
.top nav a { color: #c9d4e6; margin-right: 16px; }
.top nav a[aria-current="page"] { color: #fff; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card h2 { margin-top: 0; }
.card p { margin: 6px 0; }
.card.paused, #sensor[data-status="paused"] { border-color: var(--failed); background: #fff5f5; }
.reason { font-weight: 500; }
table { border-collapse: collapse; background: var(--card); border: 1px solid var(--line); width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; font-weight: 600; font-size: 12.5px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; background: #e5e7eb; }
.s-succeeded, .s-complete, .s-active, .s-success, .s-fresh, .s-valid, .s-run { background: #dcf3e4; color: #1d6b3d; }
.s-failed, .s-failure, .s-paused, .s-refused, .s-invalid, .s-locked { background: #fde2e2; color: #a12b2b; }
.s-running { background: #dde9fb; color: #1f4f99; }
.s-interrupted, .s-stale, .s-waiting, .s-deferred { background: #fdf0cf; color: #7a5600; }
.s-never_run, .s-skipped, .s-absent { background: #eceff3; color: #4b5563; }
.button, button { display: inline-block; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--accent); background: #fff; color: var(--accent); font: inherit; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; }
.button:hover, button:hover { text-decoration: none; filter: brightness(.95); }
form.stack { display: grid; gap: 10px; max-width: 560px; }
form.stack label { display: grid; gap: 3px; }
form.stack label.check { display: flex; gap: 8px; align-items: center; }
form.inline { display: flex; gap: 12px; align-items: center; margin-bottom: 10px; }
input, select { font: inherit; padding: 4px 6px; border: 1px solid #c5cbd3; border-radius: 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 8px; }
.chip { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 12px; border: 1px solid var(--line); background: #fff; color: var(--ink); }
.chip.on { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); }
.sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.st-fresh { background: var(--fresh); } .st-stale { background: var(--stale); } .st-failed { background: var(--failed); }
.st-running { background: var(--running); animation: pulse 1.2s ease-in-out infinite; } .st-never_run { background: var(--never); }
@keyframes pulse { 50% { opacity: .45; } }
.pbar { display: flex; height: 26px; border-radius: 4px; overflow: hidden; border: 1px solid var(--line); background: var(--never); margin: 10px 0; }
.pbar .seg { flex-basis: 0; min-width: 1px; display: flex; flex-direction: column; border-right: 1px solid rgba(255,255,255,.5); }
.pbar .seg i { flex-basis: 0; animation: none; }
.pbar .seg:hover { filter: brightness(1.15); }
.split { display: grid; grid-template-columns: 1fr 340px; gap: 16px; align-items: start; }
.grid { display: flex; flex-wrap: wrap; gap: 3px; align-content: flex-start; }
.cell { width: 14px; height: 14px; border-radius: 2px; display: block; text-decoration: none !important; }
.grid.labelled { gap: 4px; }
.grid.labelled .cell { width: auto; height: auto; padding: 3px 6px; color: #fff; font: 600 11px ui-monospace, Menlo, Consolas, monospace; }
.grid.labelled .cell.st-never_run { color: #4b5563; }
.cell:hover, .cell.selected { outline: 2px solid var(--ink); outline-offset: 1px; }
.detail { position: sticky; top: 12px; overflow-wrap: anywhere; }
.detail dl, dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0; }
dt { color: var(--muted); } dd { margin: 0; }
time { white-space: nowrap; }
.pager { display: flex; gap: 16px; margin: 6px 0 10px; }
.quota meter { width: 90px; vertical-align: middle; }
progress { width: 240px; vertical-align: middle; }
`;
