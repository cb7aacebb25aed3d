import type { ApiErrorBody, Locale } from './types.js';

/** An answer of the service other than 2xx, in its one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorBody['details'],
  ) {
    super(message);
  }

  /** Problems per form field, keyed by the field path the server names (`liaisons[0].email`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.details?.fields ?? []) out[f.field] = f.problems.join('; ');
    return out;
  }
}

export interface ClientHooks {
  /** The CSRF token of the session (sent on every write). */
  csrfToken(): string | null;
  locale(): Locale;
  /** 401: the session is gone; the app sends the user to /login?next=… */
  onUnauthorized(nextPath: string): void;
  /** 409 VERSION_CONFLICT: someone else changed the record. */
  onConflict(error: ApiError): void;
  /** The current location, for next=… */
  currentPath(): string;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null | Array<string | number>>;
  /** Do not run the 401 redirect (the login page itself, the session probe). */
  noRedirect?: boolean;
  signal?: AbortSignal;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api') ? path : `/api${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** The login page with the place to come back to. */
export function loginPath(nextPath: string): string {
  return nextPath && nextPath !== '/' && !nextPath.startsWith('/login')
    ? `/login?next=${encodeURIComponent(nextPath)}`
    : '/login';
}

/** Only same-site paths are followed after login (no open redirect via ?next=https://…). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

async function errorFrom(response: Response, locale: Locale): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    // not JSON (a proxy's HTML page): keep the status
  }
  const fallback = locale === 'en' ? `Request failed (${response.status})` : `请求失败（${response.status}）`;
  return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? fallback, body.details);
}

/**
 * The one way the app talks to the service: same-origin cookies, the CSRF token on writes, the
 * chosen language, JSON or FormData bodies, and the shared handling of 401 and 409.
 */
export function createClient(hooks: ClientHooks, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  async function raw(path: string, options: RequestOptions = {}): Promise<Response> {
    const method = (options.method ?? (options.body !== undefined ? 'POST' : 'GET')).toUpperCase();
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': hooks.locale() };
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const csrf = hooks.csrfToken();
    if (WRITES.has(method) && csrf) headers['X-CSRF-Token'] = csrf;
    const response = await fetchImpl(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
    if (response.ok) return response;
    const error = await errorFrom(response, hooks.locale());
    if (response.status === 401 && !options.noRedirect) hooks.onUnauthorized(hooks.currentPath());
    if (response.status === 409 && error.code === 'VERSION_CONFLICT') hooks.onConflict(error);
    throw error;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await raw(path, options);
    if (response.status === 204 || (response.status === 202 && response.headers.get('content-length') === '0'))
      return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    raw,
    request,
    get: <T>(path: string, query?: RequestOptions['query'], extra: Omit<RequestOptions, 'query'> = {}) =>
      request<T>(path, { ...extra, query }),
    post: <T>(path: string, body?: unknown, extra: RequestOptions = {}) =>
      request<T>(path, { ...extra, method: 'POST', body: body ?? {} }),
    patch: <T>(path: string, body: unknown, extra: RequestOptions = {}) =>
      request<T>(path, { ...extra, method: 'PATCH', body }),
    put: <T>(path: string, body: unknown, extra: RequestOptions = {}) =>
      request<T>(path, { ...extra, method: 'PUT', body }),
    del: <T = void>(path: string, extra: RequestOptions = {}) => request<T>(path, { ...extra, method: 'DELETE' }),
  };
}

export type ApiClient = ReturnType<typeof createClient>;

/**
 * A multipart upload with progress (fetch cannot report upload progress): the same headers,
 * cookie and error handling as the client's requests.
 */
export function uploadWithProgress<T>(
  hooks: Pick<ClientHooks, 'csrfToken' | 'locale'>,
  path: string,
  form: FormData,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', hooks.locale());
    const csrf = hooks.csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', hooks.locale() === 'en' ? 'Network error' : '网络错误'));
    xhr.onload = () => {
      let body: Partial<ApiErrorBody> & Record<string, unknown> = {};
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        // keep {}
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else
        reject(
          new ApiError(
            xhr.status,
            body.code ?? `HTTP_${xhr.status}`,
            body.message ?? `HTTP ${xhr.status}`,
            body.details,
          ),
        );
    };
    xhr.send(form);
  });
}
