import { rowsOf, send, api } from "./client";
import { ApiError, describeProblem, networkError } from "./errors";
import { readEventStream } from "./sse";

export interface ToolCall {
  name: string;
  arguments?: unknown;
  result_summary?: string;
}

export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

export interface ChatMessage {
  id: string;
  role: "user" | "assistant" | string;
  content: string;
  status?: string;
  usage?: Usage | null;
  prompt_tokens?: number;
  completion_tokens?: number;
  tools?: ToolCall[];
  /** As stored: the tools the answer ran, the same shape as the stream's tool events. */
  tool_calls?: ToolCall[] | null;
  error_code?: string | null;
  created_on?: string;
  /** Client-side only: why the answer did not complete. */
  problem?: { kind: "error" | "lost" | "stopped"; message: string };
}

export interface ChatSession {
  id: string;
  title?: string | null;
  created_on?: string;
  modified_on?: string;
}

export type StreamOutcome =
  | { kind: "done"; finishReason?: string; usage?: Usage }
  | { kind: "error"; code: string; message: string }
  | { kind: "stopped" }
  | { kind: "lost"; message: string };

export interface StreamHandlers {
  onIds?: (ids: { user_message_id?: string; assistant_message_id?: string }) => void;
  onDelta: (text: string) => void;
  onTool?: (tool: ToolCall) => void;
}

/** The silence after which a stream counts as lost: the server sends a keep-alive every 15 s. */
export const SILENCE_LIMIT_MS = 45_000;

function parse(data: string): Record<string, unknown> {
  try {
    const value = JSON.parse(data);
    return typeof value === "object" && value !== null ? value : {};
  } catch {
    return {};
  }
}

/**
 * POSTs and follows the answer as server-sent events. Resolves with how the answer ended; rejects
 * only with an ApiError raised before the stream began (not configured, throttled, …).
 */
export async function streamAnswer(
  path: string,
  body: unknown,
  handlers: StreamHandlers,
  stop: AbortSignal,
): Promise<StreamOutcome> {
  const controller = new AbortController();
  let silent = false;
  const abortOnStop = () => controller.abort();
  stop.addEventListener("abort", abortOnStop);
  let last = Date.now();
  const watchdog = setInterval(() => {
    if (Date.now() - last > SILENCE_LIMIT_MS) {
      silent = true;
      controller.abort();
    }
  }, 1000);
  try {
    let response: Response;
    try {
      response = await send("POST", path, { body, accept: "text/event-stream", signal: controller.signal });
    } catch (error) {
      if (stop.aborted) return { kind: "stopped" };
      if (silent) return { kind: "lost", message: "The connection went silent before the answer began." };
      throw error instanceof ApiError ? error : networkError();
    }
    if (!response.body || !(response.headers.get("Content-Type") ?? "").includes("text/event-stream")) {
      // A server (or proxy) that answered the whole message at once.
      const whole = parse(await response.text());
      handlers.onDelta(String(whole.content ?? ""));
      return { kind: "done", finishReason: String(whole.finish_reason ?? "stop") };
    }
    let outcome: StreamOutcome | null = null;
    try {
      await readEventStream(
        response.body,
        (event) => {
          const data = parse(event.data);
          switch (event.event) {
            case "message":
              handlers.onIds?.(data as { user_message_id?: string; assistant_message_id?: string });
              break;
            case "delta":
              if (typeof data.content === "string") handlers.onDelta(data.content);
              break;
            case "tool":
              handlers.onTool?.(data as unknown as ToolCall);
              break;
            case "done":
              outcome = {
                kind: "done",
                finishReason: data.finish_reason as string | undefined,
                usage: data.usage as Usage | undefined,
              };
              break;
            case "error": {
              const code = String(data.code ?? "upstream_error");
              const words = describeProblem(502, { code });
              outcome = {
                kind: "error",
                code,
                message: words.startsWith("The service is temporarily") && data.message ? String(data.message) : words,
              };
              break;
            }
          }
        },
        () => {
          last = Date.now();
        },
      );
    } catch {
      if (stop.aborted) return { kind: "stopped" };
      return {
        kind: "lost",
        message: silent
          ? "The connection went silent: the answer stopped arriving."
          : "The connection was lost while the answer was arriving.",
      };
    }
    if (stop.aborted) return { kind: "stopped" };
    return outcome ?? { kind: "lost", message: "The answer ended before it was complete: the connection was cut." };
  } finally {
    clearInterval(watchdog);
    stop.removeEventListener("abort", abortOnStop);
  }
}

export const assistantApi = {
  sessions: () => api.get<ChatSession[] | { results: ChatSession[] }>("/assistant/sessions").then(rowsOf),
  create: () => api.post<ChatSession>("/assistant/sessions", {}),
  rename: (id: string, title: string) => api.patch(`/assistant/sessions/${id}`, { title }),
  remove: (id: string) => api.delete(`/assistant/sessions/${id}`),
  messages: (id: string, signal?: AbortSignal) =>
    api.get<ChatMessage[] | { results: ChatMessage[] }>(`/assistant/sessions/${id}/messages`, { signal }).then(rowsOf),
  stop: (sessionId: string, messageId: string) =>
    api.post(`/assistant/sessions/${sessionId}/messages/${messageId}/stop`),
  usage: () => api.get<unknown>("/assistant/usage"),
  status: () => api.get<AssistantStatus>("/assistant/status"),
};

/** GET /assistant/status: a 200 either way, so the app learns the assistant is off without a failing call. */
export interface AssistantStatus {
  configured: boolean;
  model: string | null;
  models: string[];
}

/** Token counts from the usage report, whatever its grouping (one month, a list of months). */
export function usageTotals(
  report: unknown,
  month = new Date().toISOString().slice(0, 7),
): { prompt: number; completion: number } | null {
  const pick = (o: unknown): Record<string, unknown> | null => {
    if (Array.isArray(o)) {
      const rows = o as Array<Record<string, unknown>>;
      return (
        rows.find((r) => r?.month === month) ??
        (rows.some((r) => r?.month) ? { prompt_tokens: 0, completion_tokens: 0 } : (rows[rows.length - 1] ?? null))
      );
    }
    if (o && typeof o === "object") {
      const r = o as Record<string, unknown>;
      if ("prompt_tokens" in r || "completion_tokens" in r) return r;
      for (const key of ["current", "month", "usage", "months", "results", "totals"]) {
        if (r[key] && typeof r[key] === "object") return pick(r[key]);
      }
    }
    return null;
  };
  const found = pick(report);
  if (!found) return null;
  return { prompt: Number(found.prompt_tokens ?? 0), completion: Number(found.completion_tokens ?? 0) };
}
