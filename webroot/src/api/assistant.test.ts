import { afterEach, describe, expect, it, vi } from "vitest";
import { streamAnswer, usageTotals } from "./assistant";
import { ApiError } from "./errors";

const encoder = new TextEncoder();

/** A fetch that answers an event stream, chunk by chunk, optionally failing or hanging at the end. */
function streamingFetch(chunks: string[], end: "close" | "error" | "hang" = "close") {
  return vi.fn(async (_url: string, init: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        // Like a real fetch: aborting the request errors the body being read.
        init.signal?.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
        for (const chunk of chunks) {
          controller.enqueue(encoder.encode(chunk));
          await new Promise((r) => setTimeout(r, 1));
        }
        if (end === "close") controller.close();
        if (end === "error") controller.error(new TypeError("network error"));
      },
    });
    return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
  });
}

const HEAD = 'event: message\ndata: {"user_message_id":"u1","assistant_message_id":"a1"}\n\n';

describe("streamAnswer", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("relays ids, deltas and tools, and ends with done and its usage", async () => {
    vi.stubGlobal(
      "fetch",
      streamingFetch([
        HEAD,
        'event: tool\ndata: {"name":"search","arguments":{"q":"beef"},"result_summary":"2 rows"}\n\n',
        'event: delta\ndata: {"content":"Hel"}\n\nevent: del',
        'ta\ndata: {"content":"lo"}\n\n',
        'event: done\ndata: {"finish_reason":"stop","usage":{"prompt_tokens":3,"completion_tokens":2}}\n\n',
      ]),
    );
    const seen: string[] = [];
    let ids: unknown = null;
    const tools: string[] = [];
    const outcome = await streamAnswer(
      "/assistant/sessions/1/messages",
      { content: "hi" },
      {
        onIds: (i) => (ids = i),
        onDelta: (t) => seen.push(t),
        onTool: (t) => tools.push(t.name),
      },
      new AbortController().signal,
    );
    expect(ids).toEqual({ user_message_id: "u1", assistant_message_id: "a1" });
    expect(seen.join("")).toBe("Hello");
    expect(tools).toEqual(["search"]);
    expect(outcome).toEqual({ kind: "done", finishReason: "stop", usage: { prompt_tokens: 3, completion_tokens: 2 } });
    const init = (fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[0][1] as RequestInit;
    expect(new Headers(init.headers).get("Accept")).toBe("text/event-stream");
    expect(new Headers(init.headers).get("X-Requested-With")).toBe("fetch");
  });

  it("turns an error event into words, keeping what arrived", async () => {
    vi.stubGlobal(
      "fetch",
      streamingFetch([
        HEAD,
        'event: delta\ndata: {"content":"Part"}\n\n',
        'event: error\ndata: {"code":"upstream_timeout","message":"x"}\n\n',
      ]),
    );
    const seen: string[] = [];
    const outcome = await streamAnswer("/x", {}, { onDelta: (t) => seen.push(t) }, new AbortController().signal);
    expect(seen).toEqual(["Part"]);
    expect(outcome).toMatchObject({ kind: "error", code: "upstream_timeout" });
    expect((outcome as { message: string }).message).toMatch(/took too long/);
  });

  it("reports a lost connection when the stream breaks or ends without done", async () => {
    vi.stubGlobal("fetch", streamingFetch([HEAD, 'event: delta\ndata: {"content":"Part"}\n\n'], "error"));
    expect((await streamAnswer("/x", {}, { onDelta: () => {} }, new AbortController().signal)).kind).toBe("lost");
    vi.stubGlobal("fetch", streamingFetch([HEAD, 'event: delta\ndata: {"content":"Part"}\n\n'], "close"));
    expect((await streamAnswer("/x", {}, { onDelta: () => {} }, new AbortController().signal)).kind).toBe("lost");
  });

  it("stops when asked, even while the server keeps the stream open", async () => {
    vi.stubGlobal("fetch", streamingFetch([HEAD, 'event: delta\ndata: {"content":"Part"}\n\n'], "hang"));
    const stop = new AbortController();
    const pending = streamAnswer("/x", {}, { onDelta: () => stop.abort() }, stop.signal);
    expect((await pending).kind).toBe("stopped");
  });

  it("fails before streaming with the API's problem (assistant not configured)", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ status: 503, code: "ai_not_configured" }), {
            status: 503,
            headers: { "Content-Type": "application/problem+json" },
          }),
      ),
    );
    const error = (await streamAnswer("/x", {}, { onDelta: () => {} }, new AbortController().signal).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("ai_not_configured");
  });

  it("accepts a whole JSON answer from a server that does not stream", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ content: "All at once", finish_reason: "stop" }), {
            status: 200,
            headers: { "Content-Type": "application/json" },
          }),
      ),
    );
    const seen: string[] = [];
    expect((await streamAnswer("/x", {}, { onDelta: (t) => seen.push(t) }, new AbortController().signal)).kind).toBe(
      "done",
    );
    expect(seen).toEqual(["All at once"]);
  });
});

describe("usage report", () => {
  it("finds token counts in the shapes a usage report may take", () => {
    expect(usageTotals({ month: "2026-11", prompt_tokens: 10, completion_tokens: 5 })).toEqual({
      prompt: 10,
      completion: 5,
    });
    const months = [
      { month: "2026-11", prompt_tokens: 7, completion_tokens: 3 },
      { month: "2026-10", prompt_tokens: 1, completion_tokens: 1 },
    ];
    expect(usageTotals({ results: months }, "2026-11")).toEqual({ prompt: 7, completion: 3 });
    expect(usageTotals({ results: months }, "2026-12")).toEqual({ prompt: 0, completion: 0 });
    expect(usageTotals(null)).toBeNull();
  });
});
