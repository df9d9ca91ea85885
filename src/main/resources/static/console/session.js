// What the console keeps: in this tab's sessionStorage only (never localStorage, never a cookie).

const SECRET = 'hixai2api.console.secret';
const API_KEY = 'hixai2api.console.apiKey';
const MODEL = 'hixai2api.console.model';

function read(name) {
  return sessionStorage.getItem(name) || '';
}

function write(name, value) {
  if (value) sessionStorage.setItem(name, value);
  else sessionStorage.removeItem(name);
}

export const session = {
  secret: () => read(SECRET),
  setSecret: (value) => write(SECRET, value),
  apiKey: () => read(API_KEY),
  setApiKey: (value) => write(API_KEY, value),
  model: () => read(MODEL),
  setModel: (value) => write(MODEL, value),
  /** Sign-out: nothing of the console stays behind in this tab. */
  clear: () => sessionStorage.clear(),
};
