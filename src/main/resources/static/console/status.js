// The live status strip: GET /api/status (the JMX counters) every few seconds while signed in.
import {adminApi} from './api.js';
import {$} from './dom.js';
import {session} from './session.js';
import {ago, clock, dateTime, number, parseTime} from './format.js';

const INTERVAL_MILLIS = 5000;
const COUNTERS = ['requests', 'openStreams', 'failovers', 'errors', 'activeCookies', 'coolingDownCookies',
  'noCreditCookies', 'disabledCookies', 'totalStandardCredit', 'totalAdvancedCredit'];

export function createStatusStrip() {
  const strip = $('status-strip');
  const live = $('status-live');
  const cell = (name) => strip.querySelector(`[data-stat="${name}"]`);
  let timer = null;
  let polling = false;

  function render(status) {
    for (const name of COUNTERS) {
      cell(name).textContent = number(status[name]);
    }
    const errors = Object.entries(status.errorsByClass || {}).map(([kind, count]) => `${kind}: ${count}`);
    cell('errors').title = errors.length ? errors.join('\n') : 'no error';
    const refreshed = parseTime(status.lastRefresh);
    cell('lastRefresh').textContent = refreshed ? ago(refreshed) : 'never';
    cell('lastRefresh').title = refreshed ? dateTime(refreshed) : 'no full credit refresh since the start';
    for (const name of ['coolingDownCookies', 'noCreditCookies', 'disabledCookies']) {
      cell(name).parentElement.classList.toggle('zero', !status[name]);
    }
    strip.dataset.loaded = 'true';
    live.classList.remove('stale');
    live.textContent = 'live';
    live.title = 'Updated ' + clock(Date.now()) + ', every 5 s from GET /api/status';
  }

  async function poll() {
    if (polling || document.hidden) return;
    polling = true;
    try {
      const status = await adminApi.status();
      // signed out while the call was under way: nothing to show any more
      if (session.secret()) render(status);
    } catch {
      live.classList.add('stale');
      live.textContent = 'offline';
    } finally {
      polling = false;
    }
  }

  return {
    start() {
      this.stop();
      poll();
      timer = setInterval(poll, INTERVAL_MILLIS);
    },
    stop() {
      clearInterval(timer);
      timer = null;
    },
    /** Right now, e.g. after a change to the pool. */
    refresh: poll,
    reset() {
      this.stop();
      for (const element of strip.querySelectorAll('[data-stat]')) element.textContent = '–';
      delete strip.dataset.loaded;
    },
  };
}
