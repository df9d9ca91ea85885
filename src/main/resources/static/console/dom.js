// DOM helpers. Text from the API only ever becomes text nodes (textContent, append of strings): never HTML.

/** h('td', {class: 'num', title: 'x'}, 'text', childNode) */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

export const $ = (id) => document.getElementById(id);

/** Shows a message in a notice paragraph: kind is 'ok', 'error' or 'info'; an empty text hides it. */
export function notice(element, kind, text) {
  clearTimeout(element._hideTimer);
  element.className = 'notice ' + (kind || 'info');
  element.textContent = text || '';
  element.hidden = !text;
  if (text && kind === 'ok') {
    element._hideTimer = setTimeout(() => { element.hidden = true; }, 6000);
  }
}

/** A button that asks once more ("Delete?") before it acts; the question goes away by itself. */
export function confirmButton(label, question, action) {
  const button = h('button', {type: 'button', class: 'ghost danger small-button'}, label);
  let armed = false;
  let timer;
  button.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      button.textContent = question;
      button.classList.add('armed');
      timer = setTimeout(() => {
        armed = false;
        button.textContent = label;
        button.classList.remove('armed');
      }, 4000);
      return;
    }
    clearTimeout(timer);
    button.disabled = true;
    action();
  });
  return button;
}

/** Runs an async action with the button disabled meanwhile. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/**
 * The add/update form of a list page, from the ids PREFIX-form, -value, -remark, -submit, -cancel, -form-title
 * and -hint. update(item, texts) turns it to updating that item, add() back to adding; texts are
 * {title, hint, placeholder, submit}. onSwitch runs at each turn (e.g. to hide a revealed value).
 */
export function editForm(prefix, addTexts, onSwitch = () => {}) {
  const form = $(prefix + '-form');
  const value = $(prefix + '-value');
  const remark = $(prefix + '-remark');
  const submit = $(prefix + '-submit');
  const cancel = $(prefix + '-cancel');
  let editing = null;

  function show(texts) {
    $(prefix + '-form-title').textContent = texts.title;
    $(prefix + '-hint').textContent = texts.hint;
    value.placeholder = texts.placeholder;
    submit.textContent = texts.submit;
    onSwitch();
  }

  return {
    form, value, remark, submit, cancel,
    /** The id of the item being updated, or null while adding. */
    editing: () => editing,
    update(item, texts) {
      editing = item.id;
      show(texts);
      value.value = '';
      remark.value = item.remark || '';
      cancel.hidden = false;
      form.scrollIntoView({block: 'nearest'});
      remark.focus();
    },
    add() {
      editing = null;
      show(addTexts);
      cancel.hidden = true;
      form.reset();
    },
  };
}
