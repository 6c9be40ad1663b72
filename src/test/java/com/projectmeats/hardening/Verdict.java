package com.projectmeats.hardening;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/** What every refusal must be: the expected 4xx, as problem+json, saying what was wrong. */
final class Verdict {
  private Verdict() {}

  /** Null when the answer is right, else why it is not. */
  static String refusal(Probe.Result r, Set<Integer> statuses, String mentions) {
    if (r.status() >= 500) {
      return "server error " + r;
    }
    if (!statuses.contains(r.status())) {
      return "expected " + statuses + ", got " + r;
    }
    if (!r.isProblem()) {
      return "not problem+json (" + r.header("Content-Type") + "): " + r;
    }
    JsonObject problem = r.problem();
    if (!Integer.valueOf(r.status()).equals(problem.getInteger("status"))) {
      return "problem status differs from the response's: " + r;
    }
    String detail = problem.getString("detail");
    if (detail == null || detail.isBlank()) {
      return "problem without a detail: " + r;
    }
    if (mentions != null) {
      String said =
          (detail + " " + problem.getJsonObject("errors", new JsonObject()).encode())
              .toLowerCase(Locale.ROOT);
      if (!said.contains(mentions.toLowerCase(Locale.ROOT))) {
        return "does not name '" + mentions + "': " + r;
      }
    }
    return null;
  }
}
