// The page script, served as /static/ui.js (a module: strict, and its names stay its own).
// Plain browser JavaScript, no build step: it polls a running run's live part, opens partition
// details in place, and fills the window example. Every page works without it; it only spares reloads.
const POLL_MS = 1000;

function pollRun() {
  const live = document.getElementById('run-live');
  if (live?.dataset.status !== 'running') return;
  const url = live.dataset.liveUrl;
  setTimeout(async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const body = await res.json();
        const current = document.getElementById('run-live');
        if (current) current.outerHTML = body.html;
      }
    } catch (err) {
      console.warn('freshet: could not refresh the run', err);
    }
    pollRun();
  }, POLL_MS);
}

function partitionDetails() {
  const grid = document.getElementById('partition-grid');
  const panel = document.getElementById('partition-detail');
  if (!grid || !panel) return;
  grid.addEventListener('click', async (event) => {
    const cell = event.target instanceof Element ? event.target.closest('a.cell') : null;
    if (!cell || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    for (const el of grid.querySelectorAll('a.cell.selected')) el.classList.remove('selected');
    cell.classList.add('selected');
    panel.hidden = false;
    panel.textContent = `loading ${cell.dataset.key}…`;
    try {
      const res = await fetch(`${cell.getAttribute('href')}?fragment=1`, { credentials: 'same-origin' });
      panel.innerHTML = await res.text();
    } catch {
      panel.textContent = `could not load ${cell.dataset.key}`;
    }
  });
}

function windowExample() {
  const select = document.getElementById('launch-source');
  const input = document.getElementById('launch-window');
  if (!select || !input) return;
  select.addEventListener('change', () => {
    const option = select.selectedOptions[0];
    if (option?.dataset.example) input.placeholder = option.dataset.example;
  });
}

document.addEventListener('DOMContentLoaded', () => {
  pollRun();
  partitionDetails();
  windowExample();
});
