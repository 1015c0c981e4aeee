// The ops console. Everything shown comes from /ops/api and is put on the page as text (textContent), never as
// markup: order data is customer input. The page's Content-Security-Policy lets no inline script run either.
(function () {
  'use strict';
  var state = { page: 1, size: 50, cursors: [], next: null, current: null, cures: [], signIn: { mode: 'session' }, token: null };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function when(iso) { return iso ? new Date(iso).toLocaleString('en-GB') : ''; }

  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: { 'X-Requested-With': 'ops-console' } };
    if (state.token) { init.headers.Authorization = 'Bearer ' + state.token; }
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch('/ops/api' + path, init).then(function (r) {
      if (r.status === 401) { signInAgain(); throw new Error('signed out'); }
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }

  function say(text, isError) {
    var m = byId('message');
    m.textContent = text;
    m.className = isError ? 'message error' : 'message';
    m.hidden = false;
  }

  function query() {
    // open problems come in numbered pages; lists with resolved ones carry on from the last answer's cursor
    var status = byId('filter-status').value;
    var q = '?status=' + encodeURIComponent(status) + '&size=' + state.size;
    if (status === 'OPEN') {
      q += '&page=' + state.page;
    } else if (state.cursors.length > 0) {
      q += '&cursor=' + encodeURIComponent(state.cursors[state.cursors.length - 1]);
    }
    if (byId('filter-type').value) { q += '&type=' + encodeURIComponent(byId('filter-type').value); }
    if (byId('filter-older').value) { q += '&olderThanHours=' + encodeURIComponent(byId('filter-older').value); }
    if (byId('filter-search').value.trim()) { q += '&q=' + encodeURIComponent(byId('filter-search').value.trim()); }
    return q;
  }

  function loadList() {
    byId('retry-type').hidden = !byId('filter-type').value;
    return api('GET', '/exceptions' + query()).then(function (r) {
      if (r.status !== 200) { say(r.body.error || 'could not list', true); return; }
      var rows = byId('exception-rows');
      clear(rows);
      r.body.items.forEach(function (e) {
        var tr = el('tr', null, 'row');
        tr.dataset.id = e.id;
        tr.appendChild(el('td', when(e.lastSeenAt)));
        tr.appendChild(el('td', e.title));
        tr.appendChild(el('td', e.subject));
        tr.appendChild(el('td', e.reason));
        var st = el('td');
        st.appendChild(el('span', e.status, 'badge ' + e.status));
        tr.appendChild(st);
        tr.appendChild(el('td', e.occurrences));
        tr.addEventListener('click', function () { openException(e.id); });
        rows.appendChild(tr);
      });
      if (r.body.total === undefined) {
        state.next = r.body.next;
        byId('page-info').textContent = 'page ' + (state.cursors.length + 1) + (r.body.next ? ', more follow' : ', the last');
        byId('prev-page').disabled = state.cursors.length === 0;
        byId('next-page').disabled = !r.body.next;
        return;
      }
      var pages = Math.max(1, Math.ceil(r.body.total / r.body.size));
      byId('page-info').textContent = r.body.total + ' problem(s), page ' + r.body.page + ' of ' + pages;
      byId('prev-page').disabled = r.body.page <= 1;
      byId('next-page').disabled = r.body.page >= pages;
    });
  }

  /** An order's timeline as rows: when, state, what, detail. */
  function drawTimeline(body, timeline) {
    timeline.forEach(function (t) {
      var tr = el('tr');
      tr.appendChild(el('td', when(t.at)));
      tr.appendChild(el('td', t.state));
      tr.appendChild(el('td', t.event));
      tr.appendChild(el('td', t.detail));
      body.appendChild(tr);
    });
  }

  function openException(id) {
    return api('GET', '/exceptions/' + encodeURIComponent(id)).then(function (r) {
      if (r.status !== 200) { say(r.body.error || 'not found', true); return; }
      var d = r.body, e = d.exception;
      state.current = e;
      byId('detail').hidden = false;
      byId('detail-title').textContent = e.title;
      byId('detail-status').textContent = e.status;
      byId('detail-status').className = 'badge ' + e.status;
      byId('detail-subject').textContent = e.subject + ' · first seen ' + when(e.createdAt) + ' · ' + e.occurrences + ' time(s)';
      byId('detail-reason').textContent = e.reason;
      byId('detail-action').textContent = e.suggestedAction;
      byId('detail-retry').hidden = !e.retryable || e.status !== 'OPEN';
      byId('detail-resolve').hidden = e.status !== 'OPEN';
      byId('detail-evidence').textContent = d.evidence || '(none)';
      var tl = byId('timeline-rows');
      clear(tl);
      if (d.order) {
        byId('detail-order').textContent = 'Order ' + d.order.orderNumber + ' is ' + d.order.state
          + (d.order.khaosOrderCode ? ' (Khaos ' + d.order.khaosOrderCode + ')' : '');
        drawTimeline(tl, d.order.timeline);
      } else {
        byId('detail-order').textContent = 'Not about one order.';
      }
      var acts = byId('action-list');
      clear(acts);
      d.actions.forEach(function (a) {
        acts.appendChild(el('li', when(a.at) + ' · ' + a.by + ' · ' + a.action + (a.note ? ' · ' + a.note : '')));
      });
      if (!d.actions.length) { acts.appendChild(el('li', 'nothing yet')); }
      loadReturnForm(e, d.order);
      var sug = byId('detail-suggestions');
      clear(sug);
      (d.suggestions || []).forEach(function (s) {
        sug.appendChild(el('p', 'Suggestion (a person decides): ' + s));
      });
    });
  }

  // "create the return in Khaos": for a refunded (or cancelled after download) order Khaos has
  var RETURN_TYPES = ['REFUNDED_IN_SHOP', 'CANCELLED_AFTER_DOWNLOAD'];
  function loadReturnForm(e, order) {
    var form = byId('return-form');
    form.hidden = true;
    state.returnOrder = null;
    if (!order || e.status !== 'OPEN' || RETURN_TYPES.indexOf(e.type) < 0) { return; }
    api('GET', '/orders/' + encodeURIComponent(order.orderNumber) + '/return').then(function (r) {
      if (r.status !== 200 || state.current !== e) { return; }
      state.returnOrder = order.orderNumber;
      state.returnsSeen = r.body.returns.length;
      var rows = byId('return-lines');
      clear(rows);
      r.body.lines.forEach(function (l) {
        var tr = el('tr');
        tr.appendChild(el('td', l.sku));
        tr.appendChild(el('td', String(l.ordered)));
        tr.appendChild(el('td', String(l.despatched)));
        tr.appendChild(el('td', String(l.returned)));
        var td = el('td');
        var input = el('input');
        input.type = 'number';
        input.min = '0';
        input.max = String(l.returnable);
        input.value = '0';
        input.dataset.line = l.lineItemId;
        input.setAttribute('aria-label', 'units of ' + l.sku + ' coming back');
        input.disabled = Number(l.returnable) <= 0;
        td.appendChild(input);
        tr.appendChild(td);
        rows.appendChild(tr);
      });
      byId('return-urn').value = r.body.urn;
      var made = byId('return-made');
      clear(made);
      r.body.returns.forEach(function (x) {
        made.appendChild(el('li', x.associatedRef + ' · ' + (x.state === 'READY' ? 'waiting for Khaos' : 'taken by Khaos')
          + ' · ' + x.lines.join(', ')));
      });
      form.hidden = false;
    });
  }

  function createReturn(ev) {
    ev.preventDefault();
    var number = state.returnOrder, e = state.current;
    if (!number || !e) { return; }
    var lines = [];
    byId('return-lines').querySelectorAll('input').forEach(function (i) {
      if (Number(i.value) > 0) { lines.push({ lineItemId: i.dataset.line, quantity: Number(i.value) }); }
    });
    if (!lines.length) { say('pick at least one unit coming back', true); return; }
    api('POST', '/orders/' + encodeURIComponent(number) + '/returns', { lines: lines, urn: byId('return-urn').value.trim(),
      returnsSeen: state.returnsSeen })
      .then(function (r) {
        say(r.body.message || r.body.error || r.body.outcome, r.status >= 400);
        return openException(e.id);
      });
  }

  function act(kind) {
    var e = state.current;
    if (!e) { return; }
    var p = kind === 'retry'
      ? api('POST', '/exceptions/' + encodeURIComponent(e.id) + '/retry')
      : api('POST', '/exceptions/' + encodeURIComponent(e.id) + '/resolve', { note: byId('resolve-note').value });
    p.then(function (r) {
      say(r.body.message || r.body.error || r.body.outcome, r.status >= 400);
      return openException(e.id).then(loadList);
    });
  }

  function loadTypes() {
    return api('GET', '/exception-types').then(function (r) {
      var sel = byId('filter-type');
      r.body.forEach(function (t) { var o = el('option', t.title); o.value = t.type; sel.appendChild(o); });
    });
  }

  function loadMappings() {
    return api('GET', '/mappings').then(function (r) {
      var rows = byId('mapping-rows');
      clear(rows);
      var kinds = { skuToStockCode: 'SKU', deliveryMethodToCourier: 'COURIER', bufferByStockCode: 'BUFFER',
        courierToShippingMethod: 'SHIPPING_METHOD', promotionToItem: 'PROMOTION', returnReasons: 'RETURN_REASON' };
      Object.keys(kinds).forEach(function (field) {
        var m = r.body[field] || {};
        Object.keys(m).sort().forEach(function (k) {
          var tr = el('tr');
          tr.appendChild(el('td', kinds[field]));
          tr.appendChild(el('td', k));
          tr.appendChild(el('td', m[k]));
          rows.appendChild(tr);
        });
      });
    });
  }

  function saveMapping(ev) {
    ev.preventDefault();
    api('POST', '/mappings', { kind: byId('mapping-kind').value, key: byId('mapping-key').value, value: byId('mapping-value').value })
      .then(function (r) {
        if (r.status !== 200) { say(r.body.error, true); return; }
        say('Saved: ' + r.body.kind + ' ' + r.body.key + ' → ' + r.body.value);
        state.cures = r.body.mayCure.map(function (e) { return e.id; });
        byId('mapping-cures').hidden = state.cures.length === 0;
        byId('mapping-cures-text').textContent = state.cures.length + ' open problem(s) may be cured by this: '
          + r.body.mayCure.map(function (e) { return e.subject; }).join(', ');
        return loadMappings();
      });
  }

  function retryCured() {
    var done = state.cures.map(function (id) { return api('POST', '/exceptions/' + encodeURIComponent(id) + '/retry'); });
    Promise.all(done).then(function (results) {
      var queued = results.filter(function (r) { return r.status === 202; }).length;
      say(queued + ' of ' + results.length + ' queued to be checked again');
      byId('mapping-cures').hidden = true;
    });
  }

  function loadHealth() {
    api('GET', '/health').then(function (r) {
      var body = byId('health-figures');
      clear(body);
      Object.keys(r.body).forEach(function (k) {
        var tr = el('tr');
        tr.appendChild(el('td', k));
        tr.appendChild(el('td', r.body[k]));
        body.appendChild(tr);
      });
    });
    return api('GET', '/summary').then(function (r) {
      var tiles = byId('health-tiles');
      clear(tiles);
      var kinds = r.body.openByKind;
      Object.keys(kinds).forEach(function (k) {
        var tile = el('div', null, 'tile');
        tile.appendChild(el('strong', kinds[k].open));
        tile.appendChild(el('span', kinds[k].title + ' · oldest ' + kinds[k].oldestHours + ' h'));
        tiles.appendChild(tile);
      });
      if (!r.body.open) { tiles.appendChild(el('p', 'Nothing open.')); }
      var body = byId('per-day');
      clear(body);
      Object.keys(r.body.newPerDay).forEach(function (d) {
        var n = r.body.newPerDay[d];
        var tr = el('tr');
        tr.appendChild(el('td', d));
        var cell = el('td');
        var bar = el('span', null, 'bar');
        bar.style.width = Math.min(300, n * 4) + 'px';
        cell.appendChild(bar);
        cell.appendChild(el('span', ' ' + n));
        tr.appendChild(cell);
        body.appendChild(tr);
      });
    });
  }

  // ---- the nightly reconciliation: 31 days, one day's summary, its lines by reason, each order's timeline
  var recon = { day: null, reason: '', page: 1, size: 100 };
  function money(v) { return v === undefined || v === null ? '' : Number(v).toFixed(2); }
  function moneyCell(v) { return el('td', money(v), 'money'); }

  function loadReconciliationDays() {
    return api('GET', '/reconciliation').then(function (r) {
      var rows = byId('recon-days');
      clear(rows);
      byId('recon-none').hidden = r.body.days.length > 0;
      var top = 0;
      r.body.days.forEach(function (d) { top = Math.max(top, Number(d.shopGross), Number(d.confirmedGross)); });
      r.body.days.forEach(function (d) {
        var tr = el('tr', null, 'row' + (Number(d.unexplained) !== 0 ? ' unexplained' : ''));
        tr.dataset.day = d.day;
        tr.appendChild(el('td', d.day));
        tr.appendChild(el('td', d.orders));
        tr.appendChild(moneyCell(d.shopGross));
        tr.appendChild(moneyCell(d.confirmedGross));
        var chart = el('td');
        [['shop', d.shopGross], ['khaos', d.confirmedGross]].forEach(function (b) {
          var bar = el('span', null, 'bar ' + b[0]);
          bar.style.width = (top > 0 ? Math.round(200 * Number(b[1]) / top) : 0) + 'px';
          chart.appendChild(bar);
          chart.appendChild(el('br'));
        });
        tr.appendChild(chart);
        tr.appendChild(moneyCell(d.unexplained));
        tr.appendChild(el('td', d.needingAPerson));
        tr.addEventListener('click', function () { recon.reason = ''; recon.page = 1; loadReconciliationDay(d.day); });
        rows.appendChild(tr);
      });
    });
  }

  function figure(label, value) {
    var tile = el('div', null, 'tile');
    tile.appendChild(el('strong', value));
    tile.appendChild(el('span', label));
    return tile;
  }

  function loadReconciliationDay(day) {
    recon.day = day;
    var q = '?page=' + recon.page + '&size=' + recon.size + (recon.reason ? '&reason=' + encodeURIComponent(recon.reason) : '');
    return api('GET', '/reconciliation/' + encodeURIComponent(day) + q).then(function (r) {
      if (r.status !== 200) { say(r.body.error || 'no report', true); return; }
      var s = r.body.summary;
      byId('recon-day').hidden = false;
      byId('recon-title').textContent = 'The ' + day + ' reconciliation (run ' + when(r.body.generatedAt) + ')';
      var figures = byId('recon-figures');
      clear(figures);
      figures.appendChild(figure('orders of the day (' + s.rechecked + ' of earlier days looked at again)', s.orders));
      figures.appendChild(figure('shop gross, ' + s.baseCurrency, money(s.shopGross)));
      figures.appendChild(figure('sent to Khaos', money(s.sentGross)));
      figures.appendChild(figure('Khaos confirmed', money(s.confirmedGross)));
      figures.appendChild(figure('difference explained by a reason', money(s.explained)));
      var unexplained = figure('difference no reason explains', money(s.unexplained));
      if (Number(s.unexplained) !== 0) { unexplained.className = 'tile unexplained OPEN'; }
      figures.appendChild(unexplained);
      figures.appendChild(figure('not due in Khaos (cancelled before sending, or too recent)', money(s.pending)));
      figures.appendChild(figure('orders for a person', s.needingAPerson));
      var rates = byId('recon-rates');
      clear(rates);
      s.vatRates.forEach(function (v) {
        var tr = el('tr');
        tr.appendChild(el('td', v.rate + ' %'));
        tr.appendChild(el('td', v.orders));
        tr.appendChild(moneyCell(v.basis));
        tr.appendChild(moneyCell(v.vat));
        tr.appendChild(moneyCell(v.sentBasis));
        tr.appendChild(moneyCell(v.sentVat));
        tr.appendChild(moneyCell(v.confirmedVat));
        rates.appendChild(tr);
      });
      var reasons = byId('recon-reasons');
      clear(reasons);
      var info = {};
      r.body.reasons.forEach(function (x) { info[x.reason] = x; });
      s.reasons.forEach(function (x) {
        var tr = el('tr', null, 'row');
        tr.dataset.reason = x.reason;
        tr.appendChild(el('td', x.reason + (info[x.reason] ? ': ' + info[x.reason].title : '')));
        tr.appendChild(el('td', info[x.reason] ? info[x.reason].whoActs : ''));
        tr.appendChild(el('td', x.orders));
        tr.appendChild(moneyCell(x.shopGross));
        tr.appendChild(moneyCell(x.difference));
        tr.appendChild(el('td', money(x.amount) + (x.amountsUnknown ? ' (+' + x.amountsUnknown + ' unknown)' : '')));
        tr.addEventListener('click', function () { recon.reason = x.reason; recon.page = 1; loadReconciliationDay(day); });
        reasons.appendChild(tr);
      });
      byId('recon-filter-label').textContent = recon.reason ? '(' + recon.reason + ')' : '(all)';
      var lines = byId('recon-lines');
      clear(lines);
      r.body.lines.forEach(function (l) {
        var tr = el('tr', null, 'row');
        tr.dataset.order = l.orderNumber;
        tr.appendChild(el('td', l.orderNumber));
        var reason = el('td');
        reason.appendChild(el('span', l.reason, 'badge' + (l.needsAPerson ? ' OPEN' : '')));
        reason.appendChild(el('div', l.title + ' · ' + l.whoActs));
        tr.appendChild(reason);
        tr.appendChild(moneyCell(l.shopGross));
        tr.appendChild(moneyCell(l.sentGross));
        tr.appendChild(moneyCell(l.confirmedGross));
        tr.appendChild(el('td', l.findings.map(function (f) { return f.reason + ': ' + f.detail; }).join('; ')));
        tr.appendChild(el('td', l.exceptionIds.join(' ')));
        tr.addEventListener('click', function () { loadReconciliationOrder(l.orderNumber); });
        lines.appendChild(tr);
      });
      var pages = Math.max(1, Math.ceil(r.body.total / r.body.size));
      byId('recon-page-info').textContent = r.body.total + ' order(s), page ' + r.body.page + ' of ' + pages;
      byId('recon-prev').disabled = r.body.page <= 1;
      byId('recon-next').disabled = r.body.page >= pages;
    });
  }

  function loadReconciliationOrder(number) {
    return api('GET', '/orders/' + encodeURIComponent(number)).then(function (r) {
      byId('recon-order').hidden = false;
      var tl = byId('recon-timeline');
      clear(tl);
      if (r.status !== 200) {
        byId('recon-order-title').textContent = 'Order ' + number + ': the integration never heard of it';
        return;
      }
      var o = r.body;
      byId('recon-order-title').textContent = 'Order ' + o.orderNumber + ' is ' + o.state
        + (o.khaosOrderCode ? ' (Khaos ' + o.khaosOrderCode + ')' : '');
      drawTimeline(tl, o.timeline);
    });
  }

  function downloadCsv() {
    var init = { credentials: 'same-origin', headers: { 'X-Requested-With': 'ops-console' } };
    if (state.token) { init.headers.Authorization = 'Bearer ' + state.token; }
    fetch('/ops/api/reconciliation/' + encodeURIComponent(recon.day) + '.csv', init).then(function (r) {
      if (r.status !== 200) { throw new Error('the CSV answered ' + r.status); }
      var gz = (r.headers.get('Content-Type') || '').indexOf('gzip') >= 0;
      return r.blob().then(function (b) {
        var a = el('a');
        a.href = URL.createObjectURL(b);
        a.download = 'reconciliation-' + recon.day + (gz ? '.csv.gz' : '.csv');
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    }).catch(function (e) { say(e.message, true); });
  }

  byId('recon-csv').addEventListener('click', downloadCsv);
  byId('recon-all').addEventListener('click', function () { recon.reason = ''; recon.page = 1; loadReconciliationDay(recon.day); });
  byId('recon-prev').addEventListener('click', function () { recon.page = Math.max(1, recon.page - 1); loadReconciliationDay(recon.day); });
  byId('recon-next').addEventListener('click', function () { recon.page += 1; loadReconciliationDay(recon.day); });

  // ---- the go-live audit: the latest run's counts by severity and kind, its findings filtered and paged, run now, CSV
  var audit = { id: null, kind: '', page: 1, size: 50, polling: false };
  var SEVERITY_WORDS = { BLOCKING: 'blocking: an order would be held', MONEY: 'money: finance would see variances',
    STOCK: 'stock: the shop would show the wrong figure', DATA_QUALITY: 'data quality' };

  function auditQuery() {
    var q = '?page=' + audit.page + '&size=' + audit.size;
    if (audit.kind) { q += '&kind=' + encodeURIComponent(audit.kind); }
    if (byId('audit-severity').value) { q += '&severity=' + encodeURIComponent(byId('audit-severity').value); }
    if (byId('audit-search').value.trim()) { q += '&q=' + encodeURIComponent(byId('audit-search').value.trim()); }
    return q;
  }

  function loadAudit() {
    return api('GET', '/audit/runs/' + (audit.id || 'latest') + auditQuery()).then(function (r) {
      if (r.status === 404 && !audit.id) {
        byId('audit-none').hidden = false;
        byId('audit-detail').hidden = true;
        return;
      }
      if (r.status !== 200) { say(r.body.error || 'the audit could not be read', true); return; }
      var run = r.body;
      audit.id = run.id;
      byId('audit-none').hidden = true;
      byId('audit-csv').disabled = run.status !== 'FINISHED';
      byId('audit-status').textContent = 'Run ' + run.id + ' (' + run.trigger.toLowerCase() + ', ' + run.requestedBy + '): '
        + run.status.toLowerCase() + (run.finishedAt ? ' at ' + when(run.finishedAt) : ', started ' + when(run.startedAt))
        + (run.status === 'FINISHED' ? '; read ' + run.shopProducts + ' shop products and ' + run.khaosItems + ' Khaos items' : '')
        + (run.failure ? ': ' + run.failure : '');
      if (run.status === 'RUNNING') { pollAudit(); }
      var tiles = byId('audit-severities');
      clear(tiles);
      Object.keys(run.countsBySeverity || {}).forEach(function (s) {
        var tile = figure(SEVERITY_WORDS[s] || s, run.countsBySeverity[s]);
        if (s === 'BLOCKING' && run.countsBySeverity[s] > 0) { tile.className = 'tile OPEN'; }
        tiles.appendChild(tile);
      });
      byId('audit-detail').hidden = run.status !== 'FINISHED';
      var kinds = byId('audit-kinds');
      clear(kinds);
      run.kinds.filter(function (k) { return k.count > 0; }).forEach(function (k) {
        var tr = el('tr', null, 'row');
        tr.dataset.kind = k.kind;
        tr.appendChild(el('td', k.title + ' (' + k.kind + ')'));
        tr.appendChild(el('td', k.severity.toLowerCase().replace('_', ' ')));
        tr.appendChild(el('td', k.count));
        tr.appendChild(el('td', k.fix));
        tr.addEventListener('click', function () { audit.kind = k.kind; audit.page = 1; loadAudit(); });
        kinds.appendChild(tr);
      });
      byId('audit-filter-label').textContent = audit.kind ? '(' + audit.kind + ')' : '(all)';
      var rows = byId('audit-findings');
      clear(rows);
      run.findings.forEach(function (f) {
        var tr = el('tr');
        tr.dataset.kind = f.kind;
        tr.appendChild(el('td', null)).appendChild(el('span', f.severity.toLowerCase().replace('_', ' '),
          'badge' + (f.severity === 'BLOCKING' ? ' OPEN' : '')));
        tr.appendChild(el('td', f.kind));
        tr.appendChild(el('td', f.subject));
        tr.appendChild(el('td', f.shopValue));
        tr.appendChild(el('td', f.khaosValue));
        tr.appendChild(el('td', f.suggestion || f.fix));
        rows.appendChild(tr);
      });
      var pages = Math.max(1, Math.ceil(run.total / run.size));
      byId('audit-page-info').textContent = run.total + ' finding(s), page ' + run.page + ' of ' + pages;
      byId('audit-prev').disabled = run.page <= 1;
      byId('audit-next').disabled = run.page >= pages;
    });
  }

  function pollAudit() {
    if (audit.polling) { return; }
    audit.polling = true;
    setTimeout(function () { audit.polling = false; loadAudit(); }, 1000);
  }

  function runAudit() {
    byId('audit-run').disabled = true;
    api('POST', '/audit/runs').then(function (r) {
      byId('audit-run').disabled = false;
      if (r.status === 409) { say(r.body.error, true); audit.id = r.body.id; loadAudit(); return; }
      if (r.status !== 202) { say(r.body.failure || r.body.error || 'the audit could not be started', true); return; }
      audit.id = r.body.id;
      audit.kind = '';
      audit.page = 1;
      say('Audit run ' + r.body.id + ' started; its findings show here when it finishes.');
      loadAudit();
    }).catch(function (e) { byId('audit-run').disabled = false; say(e.message, true); });
  }

  function downloadAuditCsv() {
    var init = { credentials: 'same-origin', headers: { 'X-Requested-With': 'ops-console' } };
    if (state.token) { init.headers.Authorization = 'Bearer ' + state.token; }
    fetch('/ops/api/audit/runs/' + encodeURIComponent(audit.id) + '.csv', init).then(function (r) {
      if (r.status !== 200) { throw new Error('the CSV answered ' + r.status); }
      var gz = (r.headers.get('Content-Type') || '').indexOf('gzip') >= 0;
      return r.blob().then(function (b) {
        var a = el('a');
        a.href = URL.createObjectURL(b);
        a.download = audit.id + (gz ? '.csv.gz' : '.csv');
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    }).catch(function (e) { say(e.message, true); });
  }

  byId('audit-run').addEventListener('click', runAudit);
  byId('audit-csv').addEventListener('click', downloadAuditCsv);
  byId('audit-apply').addEventListener('click', function () { audit.page = 1; loadAudit(); });
  byId('audit-search').addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { audit.page = 1; loadAudit(); } });
  byId('audit-all').addEventListener('click', function () {
    audit.kind = ''; audit.page = 1; byId('audit-severity').value = ''; byId('audit-search').value = ''; loadAudit();
  });
  byId('audit-prev').addEventListener('click', function () { audit.page = Math.max(1, audit.page - 1); loadAudit(); });
  byId('audit-next').addEventListener('click', function () { audit.page += 1; loadAudit(); });

  function show(tab) {
    ['problems', 'mappings', 'health', 'reconciliation', 'audit'].forEach(function (t) {
      byId(t).hidden = t !== tab;
      byId('tab-' + t).className = t === tab ? 'active' : '';
    });
    if (tab === 'mappings') { loadMappings(); }
    if (tab === 'health') { loadHealth(); }
    if (tab === 'reconciliation') { loadReconciliationDays(); }
    if (tab === 'audit') { audit.id = null; loadAudit(); }
  }

  document.querySelectorAll('nav.tabs button').forEach(function (b) {
    b.addEventListener('click', function () { show(b.dataset.tab); });
  });
  function firstPage() { state.page = 1; state.cursors = []; loadList(); }
  function cursorPaged() { return byId('filter-status').value !== 'OPEN'; }
  byId('apply-filters').addEventListener('click', firstPage);
  byId('filter-search').addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { firstPage(); } });
  byId('prev-page').addEventListener('click', function () {
    if (cursorPaged()) { state.cursors.pop(); } else { state.page = Math.max(1, state.page - 1); }
    loadList();
  });
  byId('next-page').addEventListener('click', function () {
    if (cursorPaged()) { if (state.next) { state.cursors.push(state.next); } } else { state.page += 1; }
    loadList();
  });
  byId('detail-retry').addEventListener('click', function () { act('retry'); });
  byId('detail-resolve').addEventListener('click', function () { act('resolve'); });
  byId('return-form').addEventListener('submit', createReturn);
  byId('retry-type').addEventListener('click', function () {
    api('POST', '/exception-types/' + encodeURIComponent(byId('filter-type').value) + '/retry').then(function (r) {
      say(r.body.queued + ' queued, ' + r.body.notRetryable + ' not retryable', r.status >= 400);
      loadList();
    });
  });
  byId('mapping-form').addEventListener('submit', saveMapping);
  byId('mapping-retry').addEventListener('click', retryCured);
  // ---- signing in: the sandbox's own session, or (AWS) the user pool's hosted sign-in with PKCE
  function signInAgain() {
    if (state.signIn.mode === 'cognito') {
      sessionStorage.removeItem('ops_token');
      startHostedSignIn();
    } else {
      location.href = '/ops/login';
    }
  }

  function base64url(bytes) {
    var s = '';
    bytes.forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function startHostedSignIn() {
    var c = state.signIn;
    var verifier = base64url(crypto.getRandomValues(new Uint8Array(48)));
    var stateValue = base64url(crypto.getRandomValues(new Uint8Array(16)));
    sessionStorage.setItem('ops_pkce', verifier);
    sessionStorage.setItem('ops_state', stateValue);
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (hash) {
      location.href = c.authorizeUrl + '?response_type=code&client_id=' + encodeURIComponent(c.clientId)
        + '&redirect_uri=' + encodeURIComponent(c.redirectUri) + '&scope=' + encodeURIComponent('openid email profile')
        + '&state=' + stateValue + '&code_challenge_method=S256&code_challenge=' + base64url(new Uint8Array(hash));
    });
  }

  function hostedSignIn() {
    var c = state.signIn;
    var params = new URLSearchParams(location.search);
    var saved = sessionStorage.getItem('ops_token');
    if (saved) { state.token = saved; return Promise.resolve(); }
    var expectedState = sessionStorage.getItem('ops_state');
    var verifier = sessionStorage.getItem('ops_pkce');
    if (!params.get('code') || !expectedState || !verifier || params.get('state') !== expectedState) {
      startHostedSignIn();
      return new Promise(function () {});
    }
    sessionStorage.removeItem('ops_state');
    var form = new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, code: params.get('code'),
      redirect_uri: c.redirectUri, code_verifier: verifier });
    return fetch(c.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form })
      .then(function (r) { return r.json(); })
      .then(function (t) {
        if (!t.id_token) { throw new Error('the sign-in did not give a token'); }
        state.token = t.id_token;
        sessionStorage.setItem('ops_token', t.id_token);
        sessionStorage.removeItem('ops_pkce');
        history.replaceState(null, '', location.pathname);
      });
  }

  byId('sign-out').addEventListener('click', function () {
    if (state.signIn.mode === 'cognito') {
      sessionStorage.removeItem('ops_token');
      location.href = state.signIn.logoutUrl + '?client_id=' + encodeURIComponent(state.signIn.clientId)
        + '&logout_uri=' + encodeURIComponent(state.signIn.redirectUri);
    } else {
      byId('sign-out-form').submit();
    }
  });

  fetch('/ops/console-config', { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (c) {
      state.signIn = c;
      return c.mode === 'cognito' ? hostedSignIn() : null;
    })
    .then(function () { return loadTypes(); })
    .then(loadList)
    .catch(function (e) { say('The console could not start: ' + e.message, true); });
}());
