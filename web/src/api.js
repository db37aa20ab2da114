// Calls to the tidings REST API (same origin). Errors come in one envelope.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function get(path, params) {
  const qs = params && [...params].length ? `?${params}` : '';
  const res = await fetch(`/api/${path}${qs}`, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = body && body.error;
    throw new ApiError(res.status, e ? e.code : 'error',
      e ? e.message : `the server answered ${res.status}`);
  }
  return body;
}
