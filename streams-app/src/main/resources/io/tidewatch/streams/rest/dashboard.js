// Tidewatch dashboard: polls this instance's JSON endpoints and fills the sections. No framework, no CDN.
// With rest.auth.token set, open the page as /#token=THE_TOKEN: the fragment stays in the browser.
(function () {
  'use strict';
  var token = (function () {
    var m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash || '');
    return m ? decodeURIComponent(m[1]) : null;
  })();
  var previous = null;

  function get(path) {
    var headers = token ? { 'Authorization': 'Bearer ' + token } : {};
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error(path + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fmt(n) {
    if (n === null || n === undefined) { return '–'; }
    if (typeof n !== 'number') { return String(n); }
    return Math.abs(n) >= 100 || Number.isInteger(n) ? Math.round(n).toLocaleString('en') : n.toFixed(3);
  }

  function setText(id, v) { document.getElementById(id).textContent = fmt(v); }

  function section(id, state, content) {
    var s = document.getElementById(id);
    s.setAttribute('data-state', state);
    var body = s.querySelector('.body');
    if (body) {
      body.replaceChildren();
      if (typeof content === 'string') { body.textContent = content; } else if (content) { body.appendChild(content); }
    }
  }

  function table(columns, rows) {
    var t = el('table'), head = el('tr');
    columns.forEach(function (c) { head.appendChild(el('th', c.title)); });
    t.appendChild(el('thead')).appendChild(head);
    var tb = t.appendChild(el('tbody'));
    rows.forEach(function (r) {
      var tr = el('tr');
      columns.forEach(function (c) { tr.appendChild(el('td', fmt(c.value(r)))); });
      tb.appendChild(tr);
    });
    return t;
  }

  function pick(o, names) {
    for (var i = 0; i < names.length; i++) { if (o && o[names[i]] !== undefined) { return o[names[i]]; } }
    return null;
  }

  function overview(o) {
    document.getElementById('instance').textContent = o.instance;
    var badge = document.getElementById('state');
    badge.textContent = o.state;
    badge.className = 'badge ' + o.state;
    if (previous && o.time_ms > previous.time_ms) {
      setText('flows-rate', (o.flows - previous.flows) * 1000 / (o.time_ms - previous.time_ms));
    }
    previous = o;
    setText('flows', o.flows);
    setText('packets', o.packets);
    setText('skipped', o.duplicate_batches + o.late_batches + o.invalid_batches);
    setText('dead-letters', o.dead_letters);
    var tb = document.querySelector('#stores tbody');
    tb.replaceChildren();
    Object.keys(o.stores).forEach(function (name) {
      var tr = el('tr');
      tr.appendChild(el('td', name));
      tr.appendChild(el('td', o.stores[name] === null ? 'not queryable now' : fmt(o.stores[name])));
      tb.appendChild(tr);
    });
    document.getElementById('overview').setAttribute('data-state', 'filled');
  }

  function feed(path, id, render) {
    return get(path).then(function (r) {
      if (!r.available) {
        section(id, 'unavailable', 'not available yet (' + r.reason + ')');
        return;
      }
      section(id, 'filled', render(r));
    }).catch(function (e) { section(id, 'error', String(e.message)); });
  }

  function bars(distribution) {
    var counts = distribution.counts || [], bins = distribution.bins || [];
    var max = Math.max.apply(null, counts.concat([1]));
    var box = el('div'), chart = el('div');
    chart.className = 'bars';
    counts.forEach(function (c, i) {
      var b = el('div');
      b.style.height = (100 * c / max) + '%';
      b.title = '≤ ' + fmt(bins[i]) + ': ' + c;
      chart.appendChild(b);
    });
    box.appendChild(chart);
    box.appendChild(el('div', counts.reduce(function (a, b) { return a + b; }, 0) + ' scores')).className = 'muted';
    return box;
  }

  function poll() {
    var jobs = [
      get('api/overview').then(overview).catch(function (e) {
        document.getElementById('overview').setAttribute('data-state', 'error');
        document.getElementById('instance').textContent = String(e.message);
      }),
      feed('alerts', 'alerts', function (r) {
        return table([
          { title: 'time', value: function (a) { return pick(a, ['time', '@timestamp']); } },
          { title: 'source', value: function (a) { return pick(a, ['source_ip', 'source']); } },
          { title: 'destination', value: function (a) { return pick(a, ['destination_ip', 'destination']); } },
          { title: 'score', value: function (a) { return pick(a, ['score']); } }
        ], r.alerts);
      }),
      get('scores').then(function (r) {
        if (!r.available) {
          section('scores', 'unavailable', 'not available yet (' + r.reason + ')');
          section('top-hosts', 'unavailable', 'not available yet (' + r.reason + ')');
          return;
        }
        section('scores', 'filled', bars(r.scores.distribution));
        section('top-hosts', 'filled', table([
          { title: 'host', value: function (h) { return pick(h, ['ip', 'host']); } },
          { title: 'max score', value: function (h) { return pick(h, ['max_score', 'score']); } },
          { title: 'alerts', value: function (h) { return pick(h, ['alerts']); } }
        ], r.scores.top_hosts));
      }).catch(function (e) { section('scores', 'error', String(e.message)); section('top-hosts', 'error', String(e.message)); }),
      feed('models', 'models', function (r) {
        return table([
          { title: 'model', value: function (m) { return pick(m, ['name', 'model']); } },
          { title: 'version', value: function (m) { return pick(m, ['version']); } },
          { title: 'bytes', value: function (m) { return pick(m, ['size_bytes', 'bytes']); } },
          { title: 'metrics', value: function (m) { return m.metrics ? JSON.stringify(m.metrics) : null; } }
        ], r.models);
      }),
      feed('drift', 'drift', function (r) {
        return table([
          { title: 'time', value: function (d) { return pick(d, ['time']); } },
          { title: 'model', value: function (d) { return pick(d, ['model', 'name']); } },
          { title: 'detector', value: function (d) { return pick(d, ['detector']); } }
        ], r.drift);
      })
    ];
    Promise.all(jobs).then(function () {
      document.body.setAttribute('data-polls', String(Number(document.body.getAttribute('data-polls') || 0) + 1));
    });
  }

  poll();
  setInterval(poll, 2000);
})();
