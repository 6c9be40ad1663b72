/**
 * An incremental server-sent-events parser (the WHATWG event-stream format) for streams read with
 * fetch: EventSource cannot POST. Correct for any chunking: an event or a line split anywhere, a
 * "\r\n" split between chunks, several events in one chunk, and (through a streaming TextDecoder)
 * a multi-byte UTF-8 character split across chunks.
 */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = "";
  private skipLeadingLf = false;
  private eventName = "";
  private dataLines: string[] = [];
  private hasData = false;
  private lastId: string | undefined;
  /** Counts comment lines (": keep-alive"), so a watchdog can tell a silent model from a dead link. */
  comments = 0;

  /** Feeds decoded text; answers the events completed by it. */
  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let chunk = text;
    if (this.skipLeadingLf && chunk.startsWith("\n")) chunk = chunk.slice(1);
    this.skipLeadingLf = false;
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = this.buffer.slice(start, i);
      if (c === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          // "\r" ends the buffer: a "\n" at the start of the next chunk belongs to this line end.
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** The stream ended: an event without its closing blank line is incomplete and discarded (per spec). */
  end(): SseEvent[] {
    this.buffer = "";
    this.reset();
    return [];
  }

  private line(line: string): SseEvent | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) {
      this.comments++;
      return null;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.eventName = value;
    else if (field === "data") {
      this.dataLines.push(value);
      this.hasData = true;
    } else if (field === "id" && !value.includes("\0")) this.lastId = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    if (!this.hasData) {
      this.reset();
      return null;
    }
    const event: SseEvent = { event: this.eventName || "message", data: this.dataLines.join("\n") };
    if (this.lastId !== undefined) event.id = this.lastId;
    this.reset();
    return event;
  }

  private reset() {
    this.eventName = "";
    this.dataLines = [];
    this.hasData = false;
  }
}

/**
 * Reads a fetch body as an event stream, calling onEvent per event in order. Resolves when the
 * stream ends; rejects when reading fails (connection lost, or aborted through the signal).
 * onActivity fires on every chunk, comments included, for a silence watchdog.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  onActivity?: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onActivity?.();
      for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
    }
    for (const event of parser.push(decoder.decode())) onEvent(event);
    parser.end();
  } finally {
    reader.releaseLock();
  }
}
