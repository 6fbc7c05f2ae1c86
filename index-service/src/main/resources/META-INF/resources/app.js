'use strict';

const ACCESSION = /^([OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2})$/;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

function clearAll() {
  $('error').hidden = true;
  $('model-note').hidden = true;
  $('card').hidden = true;
  $('results').hidden = true;
}

function noteModel(modelId) {
  if (modelId && modelId.toLowerCase().includes('demo')) {
    $('model-note').textContent = 'Demo model (' + modelId + '): its weights are random, so these embeddings, ' +
      'predictions and neighbours show how protstream works, not biology.';
    $('model-note').hidden = false;
  }
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    redirect: 'manual',
  });
  let json = null;
  try { json = await response.json(); } catch (e) { json = null; }
  return { status: response.status, json };
}

async function run(text) {
  clearAll();
  const query = text.trim();
  if (!query) { showError('Enter an accession, a sequence or a FASTA record.'); return; }
  const options = {
    k: Number($('k').value || 10),
    method: $('method').value,
    metric: $('metric').value,
    reviewedOnly: $('reviewed-only').checked,
  };
  const upper = query.toUpperCase();
  if (ACCESSION.test(upper)) {
    const card = await call('GET', '/api/proteins/' + encodeURIComponent(upper));
    if (card.status === 301 && card.json && card.json.mergedInto) {
      showError(upper + ' was merged into ' + card.json.mergedInto + '; showing it.');
      return run(card.json.mergedInto);
    }
    if (card.status !== 200) { showError(card.json ? card.json.message : 'HTTP ' + card.status); return; }
    renderCard(card.json);
    if (!card.json.embedded) { showError(upper + ' is not embedded yet, so it has no neighbours.'); return; }
    Object.assign(options, { accession: upper });
  } else {
    Object.assign(options, { sequence: query });
  }
  const result = await call('POST', '/api/search', options);
  if (result.status !== 200) { showError(result.json ? result.json.message : 'HTTP ' + result.status); return; }
  renderResults(result.json);
}

function renderCard(p) {
  $('card').hidden = false;
  $('card-title').textContent = p.accession + (p.proteinName ? ' \u2014 ' + p.proteinName : '');
  const meta = [p.reviewed ? 'reviewed (Swiss-Prot)' : 'unreviewed (TrEMBL)', p.geneName && 'gene ' + p.geneName,
    p.organism, p.taxonId && 'taxon ' + p.taxonId, p.release && 'release ' + p.release,
    p.length && p.length + ' residues', p.modelId && 'model ' + p.modelId].filter(Boolean);
  $('card-meta').textContent = meta.join(' \u00b7 ');
  noteModel(p.modelId || (p.predicted && p.predicted.modelIds.encoder));
  renderTrack(p.sequence || '', p.predicted);
  renderLocalization(p.predicted);
  renderCurated(p.curated);
}

function probabilityTitle(i, pred) {
  const parts = ['residue ' + (i + 1)];
  const add = (name, classes, rows) => {
    if (!rows || !rows[i]) return;
    parts.push(name + ': ' + classes.split('').map((c, j) => c + ' ' + rows[i][j].toFixed(2)).join(', '));
  };
  add('DSSP3', pred.dssp3Classes, pred.dssp3Probabilities);
  add('DSSP8', pred.dssp8Classes, pred.dssp8Probabilities);
  add('disorder', pred.disorderClasses, pred.disorderProbabilities);
  return parts.join('\n');
}

function renderTrack(sequence, pred) {
  const track = $('track');
  track.replaceChildren();
  const rows = [['sequence', sequence, (c, i) => pred ? 'ss-' + pred.dssp3[i] : '']];
  if (pred) {
    rows.push(['DSSP3', pred.dssp3, (c) => 'ss-' + c]);
    rows.push(['DSSP8', pred.dssp8, () => '']);
    rows.push(['disorder', pred.disorder, (c) => c === 'X' ? 'dis-X' : '']);
  }
  for (const [name, letters, cls] of rows) {
    const row = el('div', { class: 'track-row', 'data-row': name });
    row.appendChild(el('span', { class: 'row-label' }, name));
    for (let i = 0; i < letters.length; i++) {
      const span = el('span', { class: ('r ' + cls(letters[i], i)).trim() }, letters[i]);
      if (pred) span.title = probabilityTitle(i, pred);
      row.appendChild(span);
    }
    track.appendChild(row);
  }
  if (!pred) track.appendChild(el('p', {}, 'No predictions yet for this sequence.'));
}

function renderLocalization(pred) {
  const box = $('localization');
  box.replaceChildren();
  $('membrane').textContent = '';
  if (!pred) return;
  const entries = Object.entries(pred.localizationProbabilities).sort((a, b) => b[1] - a[1]);
  for (const [name, p] of entries) {
    const row = el('div', { class: 'bar-row' + (name === pred.localization ? ' top' : '') });
    row.appendChild(el('span', { class: 'name' }, name));
    const bar = el('span', { class: 'bar' });
    bar.style.width = Math.round(p * 200) + 'px';
    row.appendChild(bar);
    row.appendChild(el('span', { class: 'value' }, p.toFixed(2)));
    box.appendChild(row);
  }
  if (pred.membrane) {
    const probs = Object.entries(pred.membraneProbabilities).map(([n, p]) => n + ' ' + p.toFixed(2)).join(', ');
    $('membrane').textContent = pred.membrane === 'Membrane' ? 'Membrane-bound' : 'Soluble';
    $('membrane').appendChild(el('span', { class: 'hint' }, ' (' + probs + ')'));
  } else {
    $('membrane').textContent = 'not predicted';
  }
}

function renderCurated(c) {
  const box = $('curated');
  box.replaceChildren();
  if (!c) { box.textContent = 'none in the releases seen so far'; return; }
  const list = el('ul');
  const add = (name, items) => { if (items.length) list.appendChild(el('li', {}, name + ': ' + items.join(', '))); };
  add('GO', c.goTerms.map((g) => g.id + ' (' + g.aspect + (g.evidence ? ', ' + g.evidence : '') + ')'));
  add('EC', c.ecNumbers);
  add('keywords', c.keywords);
  add('subcellular location', c.subcellularLocations);
  if (!list.children.length) box.textContent = 'none'; else box.appendChild(list);
}

function renderResults(r) {
  $('results').hidden = false;
  noteModel(r.modelId);
  const body = $('neighbours').querySelector('tbody');
  body.replaceChildren();
  r.neighbours.forEach((n, i) => {
    const tr = el('tr');
    tr.appendChild(el('td', {}, i + 1));
    tr.appendChild(el('td', {}, n.distance.toFixed(4)));
    tr.appendChild(el('td', {}, n.reliabilityIndex.toFixed(3)));
    const cell = el('td');
    n.accessions.forEach((a, j) => {
      if (j) cell.appendChild(document.createTextNode(', '));
      const link = el('a', { href: '#' + a.accession, class: 'accession-link' }, a.accession + (a.reviewed ? ' \u2605' : ''));
      cell.appendChild(link);
    });
    tr.appendChild(cell);
    const first = n.accessions[0] || {};
    tr.appendChild(el('td', {}, first.proteinName || ''));
    tr.appendChild(el('td', {}, first.organism || ''));
    tr.appendChild(el('td', {}, n.localization || ''));
    body.appendChild(tr);
  });
  if (!r.neighbours.length) {
    const tr = el('tr');
    tr.appendChild(el('td', { colspan: 7 }, 'no neighbours'));
    body.appendChild(tr);
  }
  const box = $('transferred');
  box.replaceChildren();
  const t = r.transferred;
  const list = el('ul');
  const add = (name, items) => {
    for (const l of items) {
      list.appendChild(el('li', { class: 'transferred-label' },
        name + ' ' + l.label + (l.aspect ? ' (' + l.aspect + ')' : '') + ' \u2014 RI ' + l.reliabilityIndex.toFixed(3) +
        ' from ' + l.sourceAccession + ' (d = ' + l.distance.toFixed(3) + ')'));
    }
  };
  add('GO', t.goTerms);
  add('EC', t.ecNumbers);
  add('keyword', t.keywords);
  add('location', t.subcellularLocations);
  if (!list.children.length) box.textContent = 'No reviewed annotated neighbour among the results.';
  else box.appendChild(list);
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run($('query').value);
});

window.addEventListener('hashchange', () => {
  const accession = decodeURIComponent(location.hash.slice(1));
  if (accession) { $('query').value = accession; run(accession); }
});

if (location.hash.length > 1) {
  const accession = decodeURIComponent(location.hash.slice(1));
  $('query').value = accession;
  run(accession);
}
