// The stored files, their tags and cover, missing files (with purge), failed files and playlists.
// Uses api(), when(), showError() and $ from app.js.
'use strict';

const filePage = { offset: 0, limit: 50, total: 0 };
let coverUrl = null;

function fileQuery() {
  const params = new URLSearchParams({ offset: filePage.offset, limit: filePage.limit });
  const add = (name, value) => { if (value) params.set(name, value); };
  add('library_id', $('#file-library').value);
  add('q', $('#file-q').value.trim());
  add('artist', $('#file-artist').value.trim());
  add('genre', $('#file-genre').value.trim());
  add('album', $('#file-album').value.trim());
  add('year', $('#file-year').value.trim());
  if ($('#file-missing').checked) params.set('missing', 'true');
  return params;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  return td;
}

async function loadFiles() {
  try {
    const page = await api('/api/files?' + fileQuery());
    filePage.total = page.total;
    $('#files tbody').replaceChildren(...page.items.map(fileRow));
    const last = Math.min(filePage.offset + page.items.length, page.total);
    $('#files-page').textContent = page.total ? `${filePage.offset + 1}–${last} of ${page.total}` : 'no files';
    $('#files-prev').disabled = filePage.offset === 0;
    $('#files-next').disabled = last >= page.total;
  } catch (error) {
    showError(error);
  }
}

function fileRow(file) {
  const row = document.createElement('tr');
  row.dataset.fileId = file.id;
  row.dataset.missing = String(!file.valid);
  const state = file.valid ? (file.read_error ? `unreadable tags: ${file.read_error}` : 'ok') : `missing since ${when(file.missing_since)}`;
  row.append(cell(file.path), cell(file.artists.join(', ')), cell(file.album), cell(file.title), cell(file.genres.join(', ')), cell(state));
  const actions = document.createElement('td');
  if (!file.valid) {
    const purge = document.createElement('button');
    purge.type = 'button';
    purge.className = 'purge';
    purge.textContent = 'Purge';
    purge.addEventListener('click', event => { event.stopPropagation(); purgeFile(file); });
    actions.append(purge);
  }
  row.append(actions);
  row.addEventListener('click', () => showFile(file.id));
  return row;
}

async function purgeFile(file) {
  if (!confirm(`Delete the record of ${file.path}? It is missing from disk; this cannot be undone.`)) return;
  try {
    await api(`/api/files/${file.id}`, { method: 'DELETE' });
    await loadFiles();
  } catch (error) {
    showError(error);
  }
}

async function showFile(id) {
  try {
    const file = await api(`/api/files/${id}`);
    const detail = $('#file-detail');
    $('.title', detail).textContent = `${file.title || file.path} · ${file.path}`;
    $('.tags tbody', detail).replaceChildren(...Object.entries(file.tags).map(([name, values]) => {
      const row = document.createElement('tr');
      row.append(cell(name), cell(values.join(' · ')));
      return row;
    }));
    detail.hidden = false;
    detail.dataset.fileId = id;
    await showCover(id);
  } catch (error) {
    showError(error);
  }
}

// Fetched rather than linked, so that the API key goes with it when the server has one.
async function showCover(id) {
  const img = $('#file-detail .cover');
  if (coverUrl) URL.revokeObjectURL(coverUrl);
  coverUrl = null;
  img.hidden = true;
  const response = await fetch(`/api/files/${id}/art`, { headers: headers() });
  if (!response.ok) return;
  coverUrl = URL.createObjectURL(await response.blob());
  img.src = coverUrl;
  img.hidden = false;
}

function renderFailures(runs, names) {
  const rows = [];
  for (const run of runs) {
    for (const failure of (run.result && run.result.failures) || []) {
      const row = document.createElement('tr');
      row.append(cell(`${run.id} (${names.get(run.library_id) || run.library_id})`), cell(failure.path), cell(failure.kind), cell(failure.reason));
      rows.push(row);
    }
  }
  $('#failures tbody').replaceChildren(...rows);
  $('#no-failures').hidden = rows.length > 0;
}

async function loadPlaylists() {
  const playlists = await api('/api/playlists');
  $('#no-playlists').hidden = playlists.length > 0;
  $('#playlists').replaceChildren(...playlists.map(playlist => {
    const element = document.createElement('details');
    element.className = 'playlist';
    const unresolved = playlist.entries.filter(e => e.file_id === null).length;
    const summary = document.createElement('summary');
    summary.textContent = `${playlist.path}: ${playlist.entries.length} entries` + (unresolved ? `, ${unresolved} unresolved` : '');
    const list = document.createElement('ol');
    list.append(...playlist.entries.map(entry => {
      const item = document.createElement('li');
      item.textContent = entry.path || `${entry.text} (unresolved)`;
      if (entry.file_id === null) item.className = 'unresolved';
      return item;
    }));
    element.append(summary, list);
    return element;
  }));
}

function fillLibraries(names) {
  const select = $('#file-library');
  const chosen = select.value;
  const options = [...names].map(([id, name]) => new Option(name, id));
  select.replaceChildren(new Option('all libraries', ''), ...options);
  select.value = chosen;
}

$('#file-filters').addEventListener('submit', event => {
  event.preventDefault();
  filePage.offset = 0;
  loadFiles();
});
$('#files-prev').addEventListener('click', () => { filePage.offset = Math.max(0, filePage.offset - filePage.limit); loadFiles(); });
$('#files-next').addEventListener('click', () => { filePage.offset += filePage.limit; loadFiles(); });

window.nomarrFiles = {
  async refresh(runs, names) {
    fillLibraries(names);
    renderFailures(runs, names);
    await Promise.all([loadFiles(), loadPlaylists().catch(showError)]);
  },
};
