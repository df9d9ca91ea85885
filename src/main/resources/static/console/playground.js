// The chat playground: streams POST /v1/chat/completions (stream: true) through fetch and a ReadableStream,
// rendering each token as it arrives and the <think> reasoning apart from the answer.
import {findV1Base, v1Failure, v1Headers} from './api.js';
import {$, busy, h} from './dom.js';
import {session} from './session.js';
import {splitThink, sseEvents} from './sse.js';

export function createPlayground() {
  const transcript = $('chat-transcript');
  const emptyNote = $('chat-empty');
  const input = $('chat-input');
  const send = $('chat-send');
  const stop = $('chat-stop');
  const state = $('chat-state');
  const apiKey = $('chat-api-key');
  const modelSelect = $('chat-model');
  const modelsNote = $('chat-models-note');
  const system = $('chat-system');
  let base = null;
  let messages = [];
  let controller = null;
  let modelsLoaded = false;

  function setState(name, text) {
    state.dataset.state = name;
    state.textContent = text;
  }

  async function v1Base() {
    if (base === null) {
      base = await findV1Base();
      $('chat-endpoint').textContent = '/' + base + '/chat/completions';
    }
    return base;
  }

  async function loadModels() {
    const previous = modelSelect.value || session.model();
    modelsNote.className = 'muted small';
    modelsNote.textContent = 'Loading models…';
    try {
      const response = await fetch(await v1Base() + '/models', {headers: v1Headers(), cache: 'no-store'});
      if (!response.ok) {
        modelSelect.replaceChildren();
        modelsNote.className = 'small error-text';
        modelsNote.textContent = await v1Failure(response);
        return;
      }
      const models = ((await response.json()).data || []).map((model) => model.id);
      modelSelect.replaceChildren(...models.map((id) => h('option', {value: id}, id)));
      if (models.includes(previous)) modelSelect.value = previous;
      modelsNote.textContent = models.length
        ? `${models.length} models the cookie pool can pay for now.`
        : 'No model is available: add a cookie with credit first.';
      modelsLoaded = true;
    } catch {
      modelsNote.className = 'small error-text';
      modelsNote.textContent = 'The models could not be loaded.';
    }
  }

  function scrollDown() {
    transcript.scrollTop = transcript.scrollHeight;
  }

  function userBubble(text) {
    emptyNote.hidden = true;
    transcript.append(h('div', {class: 'msg user'}, h('div', {class: 'msg-role'}, 'You'), h('div', {class: 'msg-text'}, text)));
  }

  function assistantBubble(model) {
    const summary = h('summary', {}, 'Reasoning');
    const thinkText = h('div', {class: 'think-text'});
    const think = h('details', {class: 'think', open: true, hidden: true}, summary, thinkText);
    const answer = h('div', {class: 'msg-text answer'});
    const meta = h('div', {class: 'msg-meta'});
    const bubble = h('div', {class: 'msg assistant streaming'}, h('div', {class: 'msg-role'}, model), think, answer, meta);
    transcript.append(bubble);
    return {
      bubble, meta,
      show(text, apart) {
        const parts = splitThink(text);
        const thoughts = [apart.trim(), parts.think].filter(Boolean).join('\n');
        const thinking = parts.thinking || (Boolean(apart) && !text);
        think.hidden = !thoughts && !thinking;
        summary.textContent = thinking ? 'Reasoning…' : 'Reasoning';
        thinkText.textContent = thoughts;
        answer.textContent = parts.answer;
        scrollDown();
      },
      error(message) {
        bubble.append(h('div', {class: 'notice error'}, message));
        scrollDown();
      },
    };
  }

  async function chat(text) {
    const model = modelSelect.value;
    if (!model) {
      setState('error', 'Pick a model first (none available? add a cookie with credit).');
      return;
    }
    const turn = {role: 'user', content: text};
    messages.push(turn);
    userBubble(text);
    const view = assistantBubble(model);
    const body = {
      model, stream: true, stream_options: {include_usage: true},
      messages: [...(system.value.trim() ? [{role: 'system', content: system.value.trim()}] : []), ...messages],
    };
    controller = new AbortController();
    stop.hidden = false;
    const started = performance.now();
    let content = '';
    let reasoning = '';
    let chunks = 0;
    let usage = null;
    let finished = false;
    let failed = null;
    setState('streaming', 'Waiting for the first token…');
    try {
      const response = await fetch(await v1Base() + '/chat/completions', {
        method: 'POST', signal: controller.signal, cache: 'no-store',
        headers: v1Headers({'Content-Type': 'application/json', Accept: 'text/event-stream'}),
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        failed = await v1Failure(response);
      } else {
        for await (const event of sseEvents(response.body)) {
          if (event.data === '[DONE]') {
            finished = true;
            break;
          }
          let chunk;
          try {
            chunk = JSON.parse(event.data);
          } catch {
            continue;
          }
          if (chunk.error) {
            failed = chunk.error.message || 'The stream broke off.';
            break;
          }
          const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
          if (delta && (delta.content || delta.reasoning_content)) {
            content += delta.content || '';
            // reasoning comes as a <think> block (REASONING_FORMAT=think) or apart (reasoning_content): shown alike
            reasoning += delta.reasoning_content || '';
            chunks++;
            view.show(content, reasoning);
            setState('streaming', `Streaming… ${chunks} chunks`);
          }
          if (chunk.usage) usage = chunk.usage;
        }
        if (!finished && !failed) failed = 'The stream ended without [DONE].';
      }
    } catch (error) {
      failed = error.name === 'AbortError' ? 'Stopped.' : 'The gateway cannot be reached.';
    } finally {
      controller = null;
      stop.hidden = true;
      view.bubble.classList.remove('streaming');
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const tokens = usage ? ` · ${usage.prompt_tokens} → ${usage.completion_tokens} tokens` : '';
    view.meta.textContent = `${seconds} s · ${chunks} chunks${tokens}`;
    if (content) {
      messages.push({role: 'assistant', content});
    } else {
      // nothing came back: the turn is not part of the conversation, and the text goes back into the box
      messages = messages.filter((message) => message !== turn);
      if (!input.value) input.value = text;
    }
    if (failed) {
      view.bubble.classList.add('failed');
      view.error(failed);
      setState('error', failed);
    } else {
      setState('done', `Done in ${seconds} s: ${chunks} chunks${tokens}.`);
    }
  }

  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || controller) return;
    input.value = '';
    busy(send, () => chat(text));
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('chat-form').requestSubmit();
    }
  });
  stop.addEventListener('click', () => controller && controller.abort());
  apiKey.addEventListener('change', () => {
    session.setApiKey(apiKey.value.trim());
    loadModels();
  });
  modelSelect.addEventListener('change', () => session.setModel(modelSelect.value));
  $('chat-models-reload').addEventListener('click', (event) => busy(event.currentTarget, loadModels));
  $('chat-new').addEventListener('click', () => {
    if (controller) controller.abort();
    messages = [];
    transcript.replaceChildren(emptyNote);
    emptyNote.hidden = false;
    setState('idle', '');
  });

  return {
    show() {
      apiKey.value = session.apiKey();
      if (!modelsLoaded) loadModels();
      input.focus();
    },
    reset() {
      if (controller) controller.abort();
      messages = [];
      modelsLoaded = false;
      apiKey.value = '';
      system.value = '';
      input.value = '';
      modelSelect.replaceChildren();
      modelsNote.textContent = '';
      transcript.replaceChildren(emptyNote);
      emptyNote.hidden = false;
      setState('idle', '');
    },
  };
}
