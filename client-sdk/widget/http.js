// JSON over fetch for the widget's REST calls (config, visitor token, offline message).

export class HttpError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

/** JSON over fetch; throws HttpError with the contract's {error:{code,message}}. */
export async function fetchJson(url, { method = 'GET', body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new HttpError(response.status, error.code || 'http_' + response.status, error.message);
  }
  return data;
}

/** The field an `invalid_field` error names ("fields.email: ..." or "email: ..."), or null. */
export function fieldOf(message) {
  const match = /^(?:fields\.)?([A-Za-z][\w]*)\b/.exec(message || '');
  return match ? match[1] : null;
}
