package com.projectmeats.assistant;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Shrinks a tool's output to a size the prompt can afford: the longest lists lose their tails
 * first.
 */
final class Budget {
  private Budget() {}

  static JsonObject fit(JsonObject output, int maxChars) {
    if (output.encode().length() <= maxChars) {
      return output;
    }
    JsonObject copy = output.copy().put("truncated", true);
    while (copy.encode().length() > maxChars) {
      JsonArray longest = longest(copy, null);
      if (longest == null || longest.isEmpty()) {
        return new JsonObject()
            .put("truncated", true)
            .put("note", "The result is too large to show; ask for something narrower.");
      }
      longest.remove(longest.size() - 1);
    }
    return copy;
  }

  private static JsonArray longest(Object node, JsonArray best) {
    if (node instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        best = longest(object.getValue(key), best);
      }
    } else if (node instanceof JsonArray array) {
      if (!array.isEmpty() && (best == null || array.encode().length() > best.encode().length())) {
        best = array;
      }
      for (Object item : array) {
        best = longest(item, best);
      }
    }
    return best;
  }
}
