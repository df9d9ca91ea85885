// What the cookie and key pages share: the table loaded from the admin API, its row actions, the page's notice
// and the add/update form (ids PREFIX-rows, PREFIXs-empty, PREFIXs-notice, PREFIXs-reload and editForm's).
import {$, busy, confirmButton, editForm, h, notice} from './dom.js';

export function listPage(prefix, {fetchAll, row, addTexts, onSwitch, onChange = () => {}}) {
  const rows = $(prefix + '-rows');
  const empty = $(prefix + 's-empty');
  const note = $(prefix + 's-notice');
  const editor = editForm(prefix, addTexts, onSwitch);

  const say = (kind, text) => notice(note, kind, text);
  // a 401 is not shown here: it signs the console out (api.js)
  const fail = (error) => {
    if (error.status !== 401) say('error', error.message);
  };

  async function load() {
    try {
      const items = await fetchAll();
      rows.replaceChildren(...items.map(row));
      empty.hidden = items.length > 0;
    } catch (error) {
      fail(error);
    }
  }

  /** Runs a change of the stored list, then shows the list as it now is. */
  async function change(action) {
    try {
      await action();
    } catch (error) {
      fail(error);
    }
    await load();
    onChange();
  }

  editor.cancel.addEventListener('click', editor.add);
  $(prefix + 's-reload').addEventListener('click', (event) => busy(event.currentTarget, load));

  return {
    editor, say, fail, load,
    /** The Edit and Delete cell of an item's row; remove(item) deletes it and says so. */
    actions(item, edit, remove) {
      return h('td', {class: 'row-actions'},
        h('button', {type: 'button', class: 'ghost small-button', onclick: () => edit(item)}, 'Edit'),
        confirmButton('Delete', 'Delete?', () => change(async () => {
          await remove(item);
          if (editor.editing() === item.id) editor.add();
        })));
    },
    /** Saves the form with the submit button busy; the form goes back to adding once it is saved. */
    save(action) {
      return busy(editor.submit, () => change(async () => {
        await action();
        editor.add();
      }));
    },
    page: {
      show: load,
      reset() {
        editor.add();
        rows.replaceChildren();
        say('', '');
      },
    },
  };
}
