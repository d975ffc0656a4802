// Nomarr's page: plain JavaScript, no build step. Reads the JSON API and follows /api/events.
'use strict';

const keyStorage = 'nomarr.apiKey';
const cards = new Map(); // library id -> { element, scanId }
const libraryNames = new Map();
let apiKey = localStorage.getItem(keyStorage) || '';

const $ = (selector, root = document) => root.querySelector(selector);

function headers(extra = {}) {
  return apiKey ? { ...extra, 'X-Api-Key': apiKey } : extra;
}

// Every POST is JSON, even without a body: the server refuses anything else (docs/security.md).
async function api(path, options = {}) {
  const json = options.method === 'POST' ? { 'Content-Type': 'application/json' } : {};
  const response = await fetch(path, { ...options, headers: headers({ ...json, ...options.headers }) });
  if (response.status === 401) {
    $('#key-form').hidden = false;
    throw new Error('This server needs its API key.');
  }
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    throw new Error(body && (body.detail || body.title) || response.statusText);
  }
  return body;
}

function showError(error) {
  const box = $('#error');
  box.textContent = error ? error.message : '';
  box.hidden = !error;
}

function when(text) {
  return text ? new Date(text).toLocaleString() : 'never';
}

function counts(result) {
  return `${result.files_scanned} scanned, ${result.files_added} added, ${result.files_updated} updated, ` +
    `${result.files_unchanged} unchanged, ${result.files_moved ?? 0} moved, ${result.files_missing} missing, ` +
    `${result.files_failed} failed in ${(result.duration_ms / 1000).toFixed(1)} s`;
}

function watcherText(library, available) {
  if (!library.watcher) {
    return available ? 'starting…' : 'no watcher runs in this process';
  }
  const since = library.watcher.last_event_at ? `, last change ${when(library.watcher.last_event_at)}` : '';
  return library.watcher.status + (library.watcher.reason ? ` (${library.watcher.reason})` : '') + since;
}

// "poll every 60 s, last round 12 ms" or "inotify", then why auto chose it.
function watchModeText(watcher) {
  if (!watcher || !watcher.mode) {
    return '';
  }
  let text = watcher.mode;
  if (watcher.mode === 'poll' && watcher.poll_seconds) {
    text += ` every ${watcher.poll_seconds} s`;
    if (watcher.last_poll_ms !== null && watcher.last_poll_ms !== undefined) {
      text += `, last round ${watcher.last_poll_ms} ms`;
    }
  }
  return watcher.mode_reason ? `${text} — ${watcher.mode_reason}` : text;
}

function card(library) {
  let entry = cards.get(library.id);
  if (!entry) {
    const element = $('#library-template').content.firstElementChild.cloneNode(true);
    element.dataset.libraryId = library.id;
    $('.scan-now', element).addEventListener('click', () => scanNow(library.id));
    $('.cancel', element).addEventListener('click', () => cancel(library.id));
    $('#libraries').append(element);
    entry = { element, scanId: null };
    cards.set(library.id, entry);
  }
  return entry;
}

function renderLibraries(status) {
  $('#version').textContent = `${status.version} · ${status.database_provider}`;
  $('#no-libraries').hidden = status.libraries.length > 0;
  const seen = new Set();
  for (const library of status.libraries) {
    seen.add(library.id);
    libraryNames.set(library.id, library.name);
    const { element } = card(library);
    $('.name', element).textContent = library.name;
    $('.root', element).textContent = library.root_path;
    $('.scan-state', element).textContent = library.scan_state;
    element.dataset.scanState = library.scan_state;
    $('.last-scan', element).textContent = when(library.last_scan_at);
    const watcher = $('.watcher', element);
    watcher.textContent = watcherText(library, status.watcher_available);
    watcher.classList.toggle('empty', !library.watcher);
    $('.watch-mode', element).textContent = watchModeText(library.watcher);
    $('.cancel', element).hidden = library.scan_state !== 'scanning' && library.scan_state !== 'queued';
  }
  for (const [id, entry] of cards) {
    if (!seen.has(id)) {
      entry.element.remove();
      cards.delete(id);
    }
  }
}

function renderScans(runs) {
  const body = $('#scans tbody');
  body.replaceChildren(...runs.map(run => {
    const row = document.createElement('tr');
    row.dataset.scanId = run.id;
    const r = run.result || {};
    const cells = [
      run.id, libraryNames.get(run.library_id) || run.library_id, run.status,
      run.full_scan ? 'all' : run.targets.join(', '),
      r.files_scanned, r.files_added, r.files_updated, r.files_unchanged, r.files_moved, r.files_missing, r.files_failed,
      r.duration_ms === undefined ? '' : `${(r.duration_ms / 1000).toFixed(1)} s`, when(run.started_at), run.node,
    ];
    for (const [i, value] of cells.entries()) {
      const cell = document.createElement('td');
      cell.textContent = value ?? '';
      if (i >= 4 && i <= 10) cell.className = 'num';
      if (i === 2 && run.error) cell.title = run.error;
      row.append(cell);
    }
    return row;
  }));
}

async function refresh() {
  try {
    renderLibraries(await api('/api/status'));
    const runs = await api('/api/scans?limit=20');
    renderScans(runs);
    if (window.nomarrFiles) window.nomarrFiles.refresh(runs, libraryNames);
    showError(null);
  } catch (error) {
    showError(error);
  }
}

async function scanNow(libraryId) {
  const { element } = card({ id: libraryId });
  const folder = $('.folder', element).value.trim();
  const result = $('.result', element);
  try {
    const body = folder ? JSON.stringify({ folders: [folder] }) : null;
    const accepted = await api(`/api/libraries/${libraryId}/scans`, { method: 'POST', body });
    const entry = cards.get(libraryId);
    entry.scanId = accepted.scan_id;
    // A quick scan can finish (and say so) before this answer arrives.
    if (entry.finished !== accepted.scan_id) {
      result.textContent = `Scan ${accepted.scan_id} ${accepted.status === 'queued' ? 'queued: it starts when the running scan ends' : 'started'}.`;
    }
    showError(null);
    await refresh();
  } catch (error) {
    result.textContent = error.message;
  }
}

async function cancel(libraryId) {
  const entry = cards.get(libraryId);
  const status = await api('/api/status').catch(() => null);
  const running = status && status.libraries.find(l => l.id === libraryId);
  const scanId = (running && running.running_scan_id) || entry.scanId;
  if (!scanId) return;
  try {
    const answer = await api(`/api/scans/${scanId}/cancel`, { method: 'POST' });
    $('.result', entry.element).textContent = `Scan ${scanId} ${answer.status}.`;
  } catch (error) {
    $('.result', entry.element).textContent = error.message;
  }
  await refresh();
}

function showProgress(event, text, fraction) {
  const entry = cards.get(event.library_id);
  if (!entry) return null;
  entry.scanId = event.scan_id;
  const box = $('.progress', entry.element);
  const bar = $('progress', box);
  box.hidden = false;
  box.dataset.scanId = event.scan_id;
  if (fraction === null) bar.removeAttribute('value'); else bar.value = fraction;
  $('.progress-text', box).textContent = text;
  return box;
}

const handlers = {
  ready() { setConnection('live'); refresh(); },
  scan_queued() { refresh(); },
  scan_started(e) {
    const box = showProgress(e, `Scan ${e.scan_id}: starting (${e.full_scan ? 'whole library' : e.targets.join(', ')})`, null);
    if (box) box.dataset.events = '0';
    refresh();
  },
  scan_progress(e) {
    const fraction = e.files_to_read > 0 ? e.files_read / e.files_to_read : null;
    const where = e.current_folder ? ` · ${e.current_folder}` : '';
    const box = showProgress(e,
      `Scan ${e.scan_id}: ${e.phase.replace('_', ' ')} · ${e.files_scanned} found, ${e.files_read}/${e.files_to_read} read, ` +
      `${e.files_written} written · ${e.files_per_second} files/s${where}`, fraction);
    if (box) box.dataset.events = String(Number(box.dataset.events || 0) + 1);
  },
  scan_finished(e) {
    const text = e.status === 'completed' ? `Scan ${e.scan_id} finished: ${counts(e.result)}.` : `Scan ${e.scan_id} ${e.status}${e.error ? `: ${e.error}` : ''}.`;
    const box = showProgress(e, text, e.status === 'completed' ? 1 : 0);
    if (box) box.dataset.finished = e.status;
    const entry = cards.get(e.library_id);
    if (entry) {
      entry.finished = e.scan_id;
      $('.result', entry.element).textContent = text;
    }
    refresh();
  },
  watcher_state() { refresh(); },
};

function setConnection(state) {
  const badge = $('#connection');
  badge.dataset.state = state;
  badge.textContent = state === 'live' ? 'live' : state === 'offline' ? 'offline: reconnecting…' : 'connecting…';
}

// EventSource cannot send the X-Api-Key header, so the stream is read with fetch.
async function follow() {
  for (;;) {
    try {
      const response = await fetch('/api/events', { headers: headers({ Accept: 'text/event-stream' }) });
      if (response.status === 401) {
        $('#key-form').hidden = false;
        setConnection('offline');
        return;
      }
      if (!response.ok) {
        // 503: as many pages as the server takes are open already; try again after the time it asks.
        const wait = Number(response.headers.get('Retry-After')) || 2;
        setConnection('offline');
        await new Promise(resolve => setTimeout(resolve, wait * 1000));
        continue;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      // Reconnect below.
    }
    setConnection('offline');
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

function dispatch(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  const handler = handlers[type];
  if (handler && data.length) handler(JSON.parse(data.join('\n')));
}

$('#add-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await api('/api/libraries', {
      method: 'POST',
      body: JSON.stringify({ path: $('#add-path').value.trim(), name: $('#add-name').value.trim() || null }),
    });
    $('#add-path').value = '';
    $('#add-name').value = '';
    await refresh();
  } catch (error) {
    showError(error);
  }
});

$('#key-form').addEventListener('submit', event => {
  event.preventDefault();
  apiKey = $('#key').value;
  localStorage.setItem(keyStorage, apiKey);
  $('#key-form').hidden = true;
  refresh();
  follow();
});

refresh();
follow();
