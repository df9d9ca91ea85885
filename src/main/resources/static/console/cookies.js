// The cookie pool page: list with credits and health, add, update (re-check), delete, refresh credits.
import {adminApi} from './api.js';
import {$, busy, confirmButton, editForm, h, notice} from './dom.js';
import {ago, clock, dateTime, number} from './format.js';

const STATE_LABELS = {
  active: 'active', cooling_down: 'cooling down', no_credit: 'no credit', disabled: 'disabled',
};

export function createCookiePage({onChange}) {
  const rows = $('cookie-rows');
  const empty = $('cookies-empty');
  const note = $('cookies-notice');
  const editor = editForm('cookie', {
    title: 'Add a cookie',
    hint: 'Checked with HixAI before it is stored; its credits are read at once.',
    placeholder: 'the __Secure-next-auth.session-token value, or the whole Cookie header',
    submit: 'Add cookie',
  });
  const {form, value, remark, submit, cancel} = editor;

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
      h('td', {class: 'row-actions'},
        h('button', {type: 'button', class: 'ghost small-button', onclick: () => edit(cookie)}, 'Edit'),
        confirmButton('Delete', 'Delete?', () => remove(cookie))));
  }

  async function load() {
    try {
      const cookies = await adminApi.cookies();
      rows.replaceChildren(...cookies.map(row));
      empty.hidden = cookies.length > 0;
    } catch (error) {
      if (error.status !== 401) notice(note, 'error', error.message);
    }
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

  const endEdit = editor.add;

  async function remove(cookie) {
    try {
      await adminApi.deleteCookie(cookie.id);
      notice(note, 'ok', `Cookie #${cookie.id} deleted.`);
      if (editor.editing() === cookie.id) endEdit();
    } catch (error) {
      if (error.status !== 401) notice(note, 'error', error.message);
    }
    await load();
    onChange();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const cookie = value.value.trim();
    const text = remark.value.trim();
    // the cookie leaves the page with the request: the field never keeps it
    value.value = '';
    if (editor.editing() === null && !cookie) {
      notice(note, 'error', 'Paste a cookie first.');
      return;
    }
    busy(submit, async () => {
      try {
        if (editor.editing() === null) {
          const added = await adminApi.addCookie(cookie, text);
          notice(note, 'ok', `Cookie #${added.id} added with ${number(added.credit)} credits.`);
        } else {
          const updated = await adminApi.updateCookie(editor.editing(), cookie, text);
          notice(note, 'ok', `Cookie #${updated.id} updated: ${STATE_LABELS[updated.state] || updated.state}, `
            + `${number(updated.credit)} credits.`);
        }
        endEdit();
      } catch (error) {
        if (error.status !== 401) notice(note, 'error', error.message);
      }
      await load();
      onChange();
    });
  });

  cancel.addEventListener('click', endEdit);
  $('cookies-reload').addEventListener('click', (event) => busy(event.currentTarget, load));
  $('cookies-refresh').addEventListener('click', (event) => busy(event.currentTarget, async () => {
    try {
      await adminApi.refreshCredits();
      notice(note, 'ok', 'Credit refresh of every cookie started: the list updates in a few seconds.');
      // the refresh runs in the background: look again shortly
      for (const delay of [1500, 5000]) {
        setTimeout(() => { load(); onChange(); }, delay);
      }
    } catch (error) {
      if (error.status !== 401) notice(note, 'error', error.message);
    }
  }));

  return {
    show: load,
    reset() {
      endEdit();
      rows.replaceChildren();
      notice(note, '', '');
    },
  };
}
