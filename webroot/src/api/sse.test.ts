import { describe, expect, it } from "vitest";
import { readEventStream, SseParser, type SseEvent } from "./sse";

const STREAM =
  'event: message\ndata: {"user_message_id":"1","assistant_message_id":"2"}\n\n' +
  ": keep-alive\n\n" +
  'event: delta\ndata: {"content":"Beef 🥩 prices — "}\n\n' +
  'event: delta\ndata: {"content":"up 3%."}\n\n' +
  'event: done\ndata: {"finish_reason":"stop","usage":{"prompt_tokens":5,"completion_tokens":7}}\n\n';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect(chunks: Uint8Array[]): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  await readEventStream(streamOf(chunks), (e) => events.push(e));
  return events;
}

function splitBytes(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

describe("event-stream reader", () => {
  const bytes = new TextEncoder().encode(STREAM);

  it("reads the protocol's events in one chunk", async () => {
    const events = await collect([bytes]);
    expect(events.map((e) => e.event)).toEqual(["message", "delta", "delta", "done"]);
    expect(JSON.parse(events[1].data).content).toBe("Beef 🥩 prices — ");
  });

  it("gives the same events for every chunk size, multibyte characters split included", async () => {
    const whole = await collect([bytes]);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      expect(await collect(splitBytes(bytes, size))).toEqual(whole);
    }
  });

  it("survives a 4-byte emoji split at every position", async () => {
    const emoji = new TextEncoder().encode("🥩");
    const at = bytes.indexOf(emoji[0]);
    for (let cut = at + 1; cut < at + 4; cut++) {
      const events = await collect([bytes.slice(0, cut), bytes.slice(cut)]);
      expect(JSON.parse(events[1].data).content).toContain("🥩");
    }
  });

  it("handles CRLF and CR line ends, also when the CRLF is split across chunks", () => {
    const parser = new SseParser();
    const events = [
      ...parser.push("event: delta\r"),
      ...parser.push("\ndata: a\r\n\r"),
      ...parser.push("\ndata: b\r\rdata: c\n\n"),
    ];
    expect(events).toEqual([
      { event: "delta", data: "a" },
      { event: "message", data: "b" },
      { event: "message", data: "c" },
    ]);
  });

  it("joins multi-line data, ignores comments and unknown fields, counts keep-alives", () => {
    const parser = new SseParser();
    const events = parser.push(": keep-alive\n\nretry: 10\nfoo: bar\ndata: one\ndata:two\nid: 9\n\n: keep-alive\n");
    expect(events).toEqual([{ event: "message", data: "one\ntwo", id: "9" }]);
    expect(parser.comments).toBe(2);
  });

  it("drops an event cut off by the end of the stream", async () => {
    const events = await collect([
      new TextEncoder().encode('event: delta\ndata: {"content":"x"}\n\nevent: delta\ndata: {"content":"half'),
    ]);
    expect(events).toHaveLength(1);
  });

  it("keeps several events arriving in one chunk in order", () => {
    const parser = new SseParser();
    const events = parser.push("data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4");
    expect(events.map((e) => e.data)).toEqual(["1", "2", "3"]);
    expect(parser.push("\n\n").map((e) => e.data)).toEqual(["4"]);
  });
});
