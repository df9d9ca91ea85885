// The API-key page: masked list, add, update (key or only its remark), delete.
import {adminApi} from './api.js';
import {$, h} from './dom.js';
import {dateTime} from './format.js';
import {listPage} from './list.js';

/** sk- and 40 characters of a URL-safe alphabet from the browser's cryptographic generator. */
function randomKey() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(40));
  // 248 is the largest multiple of 62 below 256: values at or above it are redrawn so each letter is as likely
  let key = 'sk-';
  for (let i = 0; key.length < 43; i++) {
    const byte = i < bytes.length ? bytes[i] : crypto.getRandomValues(new Uint8Array(1))[0];
    if (byte < 248) key += alphabet[byte % 62];
  }
  return key;
}

export function createKeyPage() {
  // a generated key is shown while it is chosen; the field hides it again at every turn of the form
  const list = listPage('key', {
    fetchAll: adminApi.keys,
    row,
    onSwitch: hideValue,
    addTexts: {
      title: 'Add an API key',
      hint: 'Copy a generated key before you add it: it is never shown again.',
      placeholder: '8 to 512 printable characters, no spaces',
      submit: 'Add key',
    },
  });
  const {editor, say} = list;
  const {form, value, remark} = editor;

  function row(key) {
    return h('tr', {dataset: {id: key.id}},
      h('td', {class: 'muted'}, key.id),
      h('td', {}, h('code', {class: 'masked'}, key.apiKey)),
      h('td', {class: 'remark'}, key.remark || ''),
      h('td', {}, dateTime(key.createTime)),
      list.actions(key, edit, remove));
  }

  function hideValue() {
    value.type = 'password';
  }

  function edit(key) {
    editor.update(key, {
      title: `Update key #${key.id} (${key.apiKey})`,
      hint: 'Leave the key empty to change only the remark; a new key replaces the old one at once.',
      placeholder: 'new key (optional)',
      submit: 'Update key',
    });
  }

  async function remove(key) {
    await adminApi.deleteKey(key.id);
    say('ok', `Key #${key.id} deleted: it no longer opens /v1.`);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = value.value.trim();
    const text = remark.value.trim();
    value.value = '';
    hideValue();
    if (editor.editing() === null && !key) {
      say('error', 'Type or generate a key first.');
      return;
    }
    list.save(async () => {
      if (editor.editing() === null) {
        const added = await adminApi.addKey(key, text);
        say('ok', `Key #${added.id} added (${added.apiKey}): it works on /v1 at once.`);
      } else {
        const id = editor.editing();
        await adminApi.updateKey(id, key, text);
        say('ok', `Key #${id} updated.`);
      }
    });
  });

  $('key-generate').addEventListener('click', () => {
    value.value = randomKey();
    value.type = 'text';
    value.select();
  });

  return list.page;
}
