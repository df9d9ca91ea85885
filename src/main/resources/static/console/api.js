// The gateway's own HTTP API, by relative URL (the console works behind a path prefix too).
import {session} from './session.js';

/** Fired on window when the admin API answers 401: the console goes back to sign-in. */
export const UNAUTHORIZED = 'hixai2api:unauthorized';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function failure(status, body) {
  if (body && typeof body.message === 'string' && body.message) return body.message;
  if (body && body.error && body.error.message) return body.error.message;
  if (status === 404) return 'Not found (is the admin API turned off with BACKEND_API_ENABLE=0?)';
  if (status === 429) return 'Too many requests: wait a moment and try again.';
  return `The gateway answered HTTP ${status}.`;
}

async function call(method, path, body, secret) {
  const headers = {Authorization: 'Bearer ' + secret};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The gateway cannot be reached.');
  }
  const envelope = await readJson(response);
  if (!response.ok || !envelope || envelope.code !== 0) {
    throw new ApiError(response.status, failure(response.status, envelope));
  }
  return envelope;
}

/** Checks a secret before anything keeps it; true when accepted, false on 401, throws otherwise. */
export async function verifySecret(secret) {
  try {
    await call('POST', 'api/auth/verify', undefined, secret);
    return true;
  } catch (error) {
    if (error.status === 401) return false;
    throw error;
  }
}

/** An admin call with the stored secret; answers the envelope's data. A 401 signs the console out. */
export async function admin(method, path, body) {
  try {
    return (await call(method, path, body, session.secret())).data;
  } catch (error) {
    if (error.status === 401) {
      window.dispatchEvent(new CustomEvent(UNAUTHORIZED));
    }
    throw error;
  }
}

export const adminApi = {
  cookies: () => admin('GET', 'api/cookie/all'),
  addCookie: (cookie, remark) => admin('PUT', 'api/cookie', {cookie, remark}),
  updateCookie: (id, cookie, remark) => admin('POST', 'api/cookie/update', cookie ? {id, cookie, remark} : {id, remark}),
  deleteCookie: (id) => admin('DELETE', 'api/cookie/' + encodeURIComponent(id)),
  refreshCredits: () => admin('POST', 'api/cookie/credit/refresh'),
  keys: () => admin('GET', 'api/key/all'),
  addKey: (apiKey, remark) => admin('PUT', 'api/key', {apiKey, remark}),
  updateKey: (id, apiKey, remark) => admin('POST', 'api/key/update', {id, apiKey, remark}),
  deleteKey: (id) => admin('DELETE', 'api/key/' + encodeURIComponent(id)),
  status: () => admin('GET', 'api/status'),
};

/** Headers of a /v1 call: the playground's API key, when one is given. */
export function v1Headers(extra = {}) {
  const key = session.apiKey();
  return key ? {...extra, Authorization: 'Bearer ' + key} : extra;
}

/** The error message of a failed /v1 answer (OpenAI shape). */
export async function v1Failure(response) {
  const body = await readJson(response);
  const message = body && body.error && body.error.message ? body.error.message : `HTTP ${response.status}`;
  if (response.status === 401) {
    return message + ' Enter one of the stored API keys in the API key field.';
  }
  return message;
}

/** Where /v1 is, relative to the console: ROUTE_PREFIX moves it (e.g. hf/v1); /api/status says where. */
export async function findV1Base() {
  return (await adminApi.status()).openAiPath.slice(1);
}
