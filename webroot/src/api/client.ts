import { ApiError, networkError, toApiError, type Problem } from "./errors";

/**
 * The one way the app talks to /api/v1. It adds what every call needs — the tenant header for the
 * chosen company, the CSRF proof on state-changing calls, If-Match and Idempotency-Key where asked
 * — and turns every failure into an ApiError with words a broker understands.
 */
export const API_BASE = "/api/v1";

let tenant: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setTenant(slug: string | null) {
  tenant = slug;
}

export function currentTenant(): string | null {
  return tenant;
}

/** Called when a signed-in call answers 401 (the session ended): the app shows the sign-in page. */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** The ETag read with the record: a stale one answers 412. */
  ifMatch?: string | null;
  /** One per form submission, so a retried create creates nothing new. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  accept?: string;
  /** Auth calls answer 401 for a wrong password: that is no expired session. */
  quiet401?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
  headers: Headers;
}

const SAFE = new Set(["GET", "HEAD"]);

export function buildHeaders(method: string, options: RequestOptions = {}): Headers {
  const headers = new Headers();
  headers.set("Accept", options.accept ?? "application/json");
  if (options.body !== undefined && !(options.body instanceof FormData))
    headers.set("Content-Type", "application/json");
  if (!SAFE.has(method)) headers.set("X-Requested-With", "fetch");
  if (tenant) headers.set("X-Tenant-ID", tenant);
  if (options.ifMatch) headers.set("If-Match", options.ifMatch);
  if (options.idempotencyKey) headers.set("Idempotency-Key", options.idempotencyKey);
  return headers;
}

export function url(path: string): string {
  return path.startsWith("/api/") ? path : API_BASE + (path.startsWith("/") ? path : "/" + path);
}

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const text = await response.text();
    if (!text) return null;
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Problem) : null;
  } catch {
    return null;
  }
}

/** Sends the request; resolves with the raw Response for streaming callers, rejects with ApiError. */
export async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  // A bodiless POST (an action such as approve, stop, logout) still says it speaks JSON: the API
  // answers 415 to a POST without a JSON media type.
  if (options.body === undefined && (method === "POST" || method === "PUT" || method === "PATCH"))
    options = { ...options, body: {} };
  let response: Response;
  try {
    response = await fetch(url(path), {
      method,
      headers: buildHeaders(method, options),
      body:
        options.body === undefined
          ? undefined
          : options.body instanceof FormData
            ? options.body
            : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError();
  }
  if (!response.ok) {
    const error = toApiError(response.status, await readProblem(response), response.headers);
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw error;
  }
  return response;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const response = await send(method, path, options);
  let data: unknown = null;
  if (response.status !== 204) {
    const text = await response.text();
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new ApiError({
          status: response.status,
          code: "bad_json",
          message: "The server sent an answer we could not read. Reload and try again.",
        });
      }
    }
  }
  return { data: data as T, status: response.status, etag: response.headers.get("ETag"), headers: response.headers };
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, options).then((r) => r.data),
  read: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("POST", path, { ...options, body }).then((r) => r.data),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PATCH", path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PUT", path, { ...options, body }),
  delete: (path: string, options?: RequestOptions) => request<unknown>("DELETE", path, options),
};

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; plain http on a LAN has none). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Lists may come as an array or as the {count, results} envelope; the app wants the rows. */
export function rowsOf<T>(data: T[] | { results?: T[] } | null | undefined): T[] {
  if (Array.isArray(data)) return data;
  return data?.results ?? [];
}
