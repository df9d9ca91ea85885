// Server-sent events read from a fetch() body (a ReadableStream), and the <think> block of an answer.

/**
 * Yields {event, data} for each event of the stream as soon as its blank line arrives. Follows the SSE rules
 * that matter here: data lines are joined with newlines, comment lines (":") are skipped, CR, LF and CRLF all
 * end a line.
 */
export async function* sseEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  let type = 'message';
  try {
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += value;
      let lineEnd;
      // a CR at the very end may be the first half of a CRLF: wait for the next piece
      while ((lineEnd = buffer.search(/\r\n|\r(?!$)|\n/)) >= 0) {
        const line = buffer.slice(0, lineEnd);
        buffer = buffer.slice(lineEnd + (buffer.startsWith('\r\n', lineEnd) ? 2 : 1));
        if (line === '') {
          if (data.length) yield {event: type, data: data.join('\n')};
          data = [];
          type = 'message';
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let text = colon < 0 ? '' : line.slice(colon + 1);
          if (text.startsWith(' ')) text = text.slice(1);
          if (field === 'data') data.push(text);
          else if (field === 'event') type = text;
        }
      }
    }
    if (data.length) yield {event: type, data: data.join('\n')};
  } finally {
    reader.releaseLock();
  }
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Splits an answer so far into its reasoning ({@code <think>…</think>} ahead of the answer, as the gateway
 * writes it for reasoning models) and the answer itself. While the block is open, thinking is true.
 */
export function splitThink(text) {
  const start = text.trimStart();
  if (!start.startsWith(OPEN)) {
    // "<thi" could still become the opening tag: show nothing of it yet
    if (start.length < OPEN.length && OPEN.startsWith(start) && start) {
      return {think: '', answer: '', thinking: true};
    }
    return {think: '', answer: text, thinking: false};
  }
  const rest = start.slice(OPEN.length);
  const close = rest.indexOf(CLOSE);
  if (close < 0) return {think: rest.trim(), answer: '', thinking: true};
  return {think: rest.slice(0, close).trim(), answer: rest.slice(close + CLOSE.length).trimStart(), thinking: false};
}
