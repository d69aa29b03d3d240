/* When the charts' script (plotly's bundle) fails to load, or a chart is on the page but
   plotly is still missing 45 s after the page loaded (CHART_WAIT_S in chart_fallback.py),
   the page's body gets the class "charts-failed", which shows each chart section's
   ".charts-unavailable" line; it goes again if plotly arrives after all. */
(function () {
  const WAIT_MS = 45000;
  const started = Date.now();
  let failed = false;
  const chartsScript = (src) => /plotly|async-graph/.test(src || '');
  window.addEventListener('error', (event) => {
    const target = event.target;
    if (target && target.tagName === 'SCRIPT' && chartsScript(target.src)) failed = true;
  }, true);
  function check() {
    const waiting = document.querySelector('.charts-unavailable') !== null;
    const missing = waiting && typeof window.Plotly === 'undefined'
      && (failed || Date.now() - started > WAIT_MS);
    document.body.classList.toggle('charts-failed', missing);
  }
  setInterval(check, 1000);
}());
