import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, describeProblem, parseRetryAfter, toApiError } from "./errors";
import { api, buildHeaders, setTenant } from "./client";

describe("error mapping", () => {
  it("puts field errors beside their fields and counts them", () => {
    const error = toApiError(422, {
      status: 422,
      code: "validation",
      errors: { name: ["Name is required."], email: "Not an e-mail." },
    });
    expect(error.fieldErrors).toEqual({ name: ["Name is required."], email: ["Not an e-mail."] });
    expect(error.message).toBe("2 fields need attention.");
  });

  it("speaks a broker's words for the statuses that matter", () => {
    expect(describeProblem(412, null)).toMatch(/Someone else changed this record/);
    expect(describeProblem(403, { code: "forbidden" })).toMatch(/role/);
    expect(describeProblem(404, null)).toMatch(/could not find/);
    expect(describeProblem(409, { detail: "The order is approved." })).toBe(
      "That cannot be done right now: The order is approved.",
    );
    expect(describeProblem(0, null)).toMatch(/Cannot reach/);
    expect(describeProblem(500, { detail: "NullPointerException at …" })).not.toMatch(/NullPointer/);
    expect(describeProblem(503, { code: "ai_not_configured" })).toMatch(/assistant is not set up/);
  });

  it("tells how long to wait after throttling", () => {
    const headers = new Headers({ "Retry-After": "42" });
    expect(toApiError(429, { code: "throttled" }, headers).message).toBe(
      "Too many attempts. Please try again in 42 seconds.",
    );
    expect(toApiError(429, null, new Headers({ "Retry-After": "900" })).message).toMatch(/in 15 minutes/);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(60);
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("api client", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setTenant(null);
  });

  it("sends the CSRF proof only on state-changing calls, and the tenant on all", () => {
    setTenant("acme");
    expect(buildHeaders("GET").get("X-Requested-With")).toBeNull();
    expect(buildHeaders("GET").get("X-Tenant-ID")).toBe("acme");
    const post = buildHeaders("POST", { body: {}, idempotencyKey: "k-1" });
    expect(post.get("X-Requested-With")).toBe("fetch");
    expect(post.get("Idempotency-Key")).toBe("k-1");
    expect(post.get("Content-Type")).toBe("application/json");
    expect(buildHeaders("PATCH", { ifMatch: 'W/"3"' }).get("If-Match")).toBe('W/"3"');
  });

  it("turns a problem+json into an ApiError and a dead network into words", async () => {
    const problem = {
      type: "about:blank",
      title: "Conflict",
      status: 409,
      code: "illegal_transition",
      detail: "The order is delivered.",
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify(problem), {
            status: 409,
            headers: { "Content-Type": "application/problem+json" },
          }),
      ),
    );
    const error = (await api.post("/purchase-orders/1/approve").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.code).toBe("illegal_transition");
    expect(error.message).toBe("That cannot be done right now: The order is delivered.");

    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const offline = (await api.get("/suppliers").catch((e: unknown) => e)) as ApiError;
    expect(offline.isNetwork).toBe(true);
    expect(offline.message).toMatch(/Cannot reach/);
  });

  it("survives an error body that is not JSON (a proxy's HTML page)", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("<html>Bad gateway</html>", { status: 502 })),
    );
    const error = (await api.get("/suppliers").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/temporarily unavailable/);
  });

  it("returns the ETag with a read", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response('{"id":1}', { status: 200, headers: { ETag: '"abc"' } })),
    );
    const read = await api.read<{ id: number }>("/suppliers/1");
    expect(read.etag).toBe('"abc"');
    expect(read.data.id).toBe(1);
  });
});
