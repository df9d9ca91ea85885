// Numbers and times as a person reads them.

const numbers = new Intl.NumberFormat();

export function number(value) {
  return typeof value === 'number' && Number.isFinite(value) ? numbers.format(value) : '–';
}

/** "just now", "5 min ago", "3 h ago", "2 d ago"; '' for no time. Millisecond epoch times. */
export function ago(millis, now = Date.now()) {
  if (!millis) return '';
  const seconds = Math.round((now - millis) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function dateTime(millis) {
  return millis ? new Date(millis).toLocaleString() : '';
}

export function clock(millis) {
  return millis ? new Date(millis).toLocaleTimeString() : '';
}

/** ISO-8601 text (as /api/status gives lastRefresh) to epoch millis; null when absent or unreadable. */
export function parseTime(text) {
  if (!text) return null;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? null : millis;
}
