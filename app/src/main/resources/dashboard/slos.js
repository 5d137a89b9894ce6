// firebreak dashboard, SLO page: every SLO of GET /v1/slos with its objective, budget remaining, burn rate per window,
// alert tier and a chart of the budget remaining over the period (uPlot, from its webjar). Values are set as text only.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const fb = window.firebreak;
  const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '24h', '3d'];
  const plots = new Map();
  let timer = null;

  function percent(ratio, digits) { return ratio === null || ratio === undefined ? 'no data yet' : (ratio * 100).toFixed(digits) + '%'; }
  function rates(slo) {
    const r = slo.burnRates || {};
    const parts = WINDOWS.filter((w) => r[w] !== undefined).map((w) => w + ' ' + r[w].toFixed(r[w] >= 10 ? 0 : 2) + '×');
    return parts.length ? parts.join(' · ') : 'no data yet';
  }
  // the alert firebreak raised (page/ticket/none) and which rows of the multiwindow table the latest rates exceed
  function tier(slo) {
    const exceeded = (slo.tiers || []).filter((t) => t.exceeded).map((t) => t.name + ' (' + t.burnRate + '× on ' + t.longWindow + ' & ' + t.shortWindow + ')');
    return (slo.alert || 'none') + (exceeded.length ? ': ' + exceeded.join(', ') : '');
  }

  function show(slos) {
    $('slo-empty').hidden = slos.length > 0;
    $('slo-table').tBodies[0].replaceChildren(...slos.map((slo) => {
      const tr = fb.el('tr');
      tr.dataset.slo = slo.name;
      [slo.name, slo.service, (slo.objective * 100).toFixed(3).replace(/\.?0+$/, '') + '%', percent(slo.budgetRemaining, 1), rates(slo), tier(slo)]
        .forEach((text, i) => tr.appendChild(fb.el('td', text, i === 5 ? 'alert alert-' + (slo.alert || 'none') : undefined)));
      return tr;
    }));
    slos.forEach(chart);
  }

  function chart(slo) {
    const points = slo.budgetHistory || [];
    const data = [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p.budgetRemaining * 100)];
    let plot = plots.get(slo.name);
    if (plot) { plot.setData(data); return; }
    const box = fb.el('figure', undefined, 'slo-chart');
    box.dataset.slo = slo.name;
    box.appendChild(fb.el('figcaption', slo.name + ': error budget remaining (%) over the period'));
    $('slo-charts').appendChild(box);
    plot = new uPlot({
      width: Math.max(320, Math.min(900, $('slo-charts').clientWidth - 20)), height: 200,
      scales: { x: { time: true } },
      series: [{}, { label: 'budget remaining %', stroke: '#2e7d32', fill: 'rgba(46,125,50,0.1)', points: { show: true } }],
      axes: [{}, { values: (u, ticks) => ticks.map((t) => t + '%') }],
    }, data, box);
    plots.set(slo.name, plot);
  }

  async function refresh() {
    try {
      const answer = await fb.api('/v1/slos');
      if (!answer.ok) throw new Error('HTTP ' + answer.status);
      const slos = (await answer.json()).slos;
      if (!answer.unchanged || $('slo-table').tBodies[0].rows.length !== slos.length) show(slos);
    } catch (e) {
      $('status').textContent = e.signIn ? e.message : 'cannot read SLOs: ' + e.message;
    }
  }

  fb.onView((name) => {
    clearInterval(timer);
    if (name === 'slos') { refresh(); timer = setInterval(refresh, 3000); }
  });
})();
