/**
 * Every failure the app shows goes through here: the API's problem+json (or a dead network) turned
 * into words a broker understands, plus the field errors to put beside their fields.
 */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Record<string, string[] | string>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: Record<string, string[]>;
  readonly retryAfter: number | null;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    detail?: string;
    fieldErrors?: Record<string, string[]>;
    retryAfter?: number | null;
    requestId?: string | null;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? "";
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfter = init.retryAfter ?? null;
    this.requestId = init.requestId ?? null;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

const CODE_WORDS: Record<string, string> = {
  ai_not_configured: "The assistant is not set up yet: an administrator needs to add an AI key to the server.",
  upstream_unauthorized: "The AI service refused our key. An administrator needs to check the assistant's settings.",
  upstream_rate_limited: "The AI service is busy right now. Wait a minute and try again.",
  upstream_unavailable: "The AI service is not answering right now. Try again in a moment.",
  upstream_timeout: "The AI service took too long to answer. Try again.",
  upstream_bad_response: "The AI service sent an answer we could not read. Try again.",
  csrf_failed: "This request did not come from the ProjectMeats page. Reload the page and try again.",
  starting: "ProjectMeats is starting up. Try again in a few seconds.",
};

function retryWords(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return "in a little while";
  if (seconds < 90) return `in ${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? "" : "s"}`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}

/** Normalises `errors` so each field maps to a list of messages. */
export function fieldErrorsOf(problem: Problem | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    out[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  }
  return out;
}

/** The sentence to show for a failed call. */
export function describeProblem(status: number, problem: Problem | null, retryAfter: number | null = null): string {
  const code = problem?.code ?? "";
  if (code && CODE_WORDS[code]) return CODE_WORDS[code];
  const detail = problem?.detail?.trim();
  switch (status) {
    case 0:
      return "Cannot reach ProjectMeats. Check your internet connection and try again.";
    case 400:
      return detail
        ? `The request was not understood: ${detail}`
        : "The request was not understood. Check what you entered.";
    case 401:
      return "Your session has ended. Please sign in again.";
    case 403:
      return "Your role in this company does not allow this. Ask an admin if you need it.";
    case 404:
      return "We could not find that. It may have been deleted, or it belongs to another company.";
    case 409:
      return detail
        ? `That cannot be done right now: ${detail}`
        : "That cannot be done right now: the record is in use or its status does not allow it.";
    case 412:
      return "Someone else changed this record since you opened it. Reload to see their changes, then try again.";
    case 413:
      return "That file is too large. The limit is 10 MB.";
    case 415:
      return "That kind of file is not supported. Use a PDF, PNG, JPEG, CSV or plain-text file.";
    case 422: {
      const count = Object.keys(problem?.errors ?? {}).length;
      if (count > 0) return count === 1 ? "One field needs attention." : `${count} fields need attention.`;
      return detail || "Some of what you entered is not valid.";
    }
    case 429:
      return `Too many attempts. Please try again ${retryWords(retryAfter)}.`;
    case 502:
    case 503:
    case 504:
      return "The service is temporarily unavailable. Try again in a moment.";
    default:
      if (status >= 500) return "Something went wrong on our side. Try again; if it keeps happening, tell support.";
      return detail || problem?.title || `The request failed (${status}).`;
  }
}

/** Parses Retry-After (seconds or an HTTP date) into seconds from now. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}

export function toApiError(status: number, problem: Problem | null, headers?: Headers | null): ApiError {
  const retryAfter = parseRetryAfter(headers?.get("Retry-After") ?? null);
  return new ApiError({
    status,
    code: problem?.code ?? (status === 0 ? "network" : `http_${status}`),
    message: describeProblem(status, problem, retryAfter),
    detail: problem?.detail,
    fieldErrors: fieldErrorsOf(problem),
    retryAfter,
    requestId: headers?.get("X-Request-Id") ?? null,
  });
}

export function networkError(): ApiError {
  return toApiError(0, null);
}

/** Any thrown value → a sentence. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.name === "AbortError") return "Cancelled.";
  return "Something unexpected went wrong. Reload the page and try again.";
}
