// The cookie pool page: list with credits and health, add, update (re-check), delete, refresh credits.
import {adminApi} from './api.js';
import {$, busy, h} from './dom.js';
import {ago, clock, dateTime, number} from './format.js';
import {listPage} from './list.js';

const STATE_LABELS = {
  active: 'active', cooling_down: 'cooling down', no_credit: 'no credit', disabled: 'disabled',
};

export function createCookiePage({onChange}) {
  const list = listPage('cookie', {
    fetchAll: adminApi.cookies,
    row,
    onChange,
    addTexts: {
      title: 'Add a cookie',
      hint: 'Checked with HixAI before it is stored; its credits are read at once.',
      placeholder: 'the __Secure-next-auth.session-token value, or the whole Cookie header',
      submit: 'Add cookie',
    },
  });
  const {editor, say} = list;
  const {form, value, remark} = editor;

  function stateCell(cookie) {
    const badge = h('span', {class: 'badge ' + cookie.state}, STATE_LABELS[cookie.state] || cookie.state);
    const cell = h('td', {}, badge);
    if (cookie.cooldownUntil) {
      cell.append(h('span', {class: 'sub'}, 'until ' + clock(cookie.cooldownUntil)));
    }
    return cell;
  }

  function errorCell(cookie) {
    if (!cookie.lastError) return h('td', {class: 'muted'}, '—');
    return h('td', {class: 'error-cell'},
      h('span', {class: 'clip', title: cookie.lastError}, cookie.lastError),
      h('span', {class: 'sub', title: dateTime(cookie.lastErrorAt)}, ago(cookie.lastErrorAt)));
  }

  function row(cookie) {
    return h('tr', {dataset: {id: cookie.id}},
      h('td', {class: 'muted'}, cookie.id),
      h('td', {}, h('code', {class: 'masked'}, cookie.cookie)),
      stateCell(cookie),
      h('td', {class: 'num', dataset: {field: 'credit'}}, number(cookie.credit)),
      h('td', {class: 'num', dataset: {field: 'advancedCredit'}}, number(cookie.advancedCredit),
        cookie.activeSub ? h('span', {class: 'sub'}, 'subscriber') : null),
      errorCell(cookie),
      h('td', {title: dateTime(cookie.lastRefreshAt)}, ago(cookie.lastRefreshAt) || '—'),
      h('td', {class: 'remark'}, cookie.remark || ''),
      list.actions(cookie, edit, remove));
  }

  function edit(cookie) {
    editor.update(cookie, {
      title: `Update cookie #${cookie.id} (${cookie.cookie})`,
      hint: 'Leave the cookie empty to re-check the stored one with HixAI: '
        + 'this brings a disabled cookie back when HixAI accepts it again.',
      placeholder: 'new cookie (optional)',
      submit: 'Update cookie',
    });
  }

  async function remove(cookie) {
    await adminApi.deleteCookie(cookie.id);
    say('ok', `Cookie #${cookie.id} deleted.`);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const cookie = value.value.trim();
    const text = remark.value.trim();
    // the cookie leaves the page with the request: the field never keeps it
    value.value = '';
    if (editor.editing() === null && !cookie) {
      say('error', 'Paste a cookie first.');
      return;
    }
    list.save(async () => {
      if (editor.editing() === null) {
        const added = await adminApi.addCookie(cookie, text);
        say('ok', `Cookie #${added.id} added with ${number(added.credit)} credits.`);
      } else {
        const updated = await adminApi.updateCookie(editor.editing(), cookie, text);
        say('ok', `Cookie #${updated.id} updated: ${STATE_LABELS[updated.state] || updated.state}, `
          + `${number(updated.credit)} credits.`);
      }
    });
  });

  $('cookies-refresh').addEventListener('click', (event) => busy(event.currentTarget, async () => {
    try {
      await adminApi.refreshCredits();
      say('ok', 'Credit refresh of every cookie started: the list updates in a few seconds.');
      // the refresh runs in the background: look again shortly
      for (const delay of [1500, 5000]) {
        setTimeout(() => { list.load(); onChange(); }, delay);
      }
    } catch (error) {
      list.fail(error);
    }
  }));

  return list.page;
}
