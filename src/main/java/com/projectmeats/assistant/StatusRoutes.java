package com.projectmeats.assistant;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /assistant/status}: whether the assistant is switched on here, and with which models.
 * The one assistant route that answers 200 either way, so a client learns the assistant is off
 * without a call that fails (every other assistant route answers 503 then).
 */
final class StatusRoutes {
  private static final Schema.Named STATUS =
      Schema.named(
          "AssistantStatus",
          Schema.object()
              .required(
                  "configured", Schema.bool().describe("false: the server has no OPENAI_API_KEY."))
              .required(
                  "model",
                  Schema.nullable(Schema.string()).describe("The default model; null when off."))
              .required(
                  "models",
                  Schema.arrayOf(Schema.string())
                      .describe("The models a client may ask for; empty when off.")));

  private final AppConfig.OpenAiSettings settings;

  StatusRoutes(AppConfig.OpenAiSettings settings) {
    this.settings = settings;
  }

  void mount(Api api) {
    api.get(
        "/assistant/status",
        Access.member(Role.READONLY),
        Operation.of(
                "getAssistantStatus",
                "assistant",
                "Whether the assistant is switched on, and its models (200 either way)")
            .returns(STATUS),
        ctx -> Future.succeededFuture(Reply.ok(status())));
  }

  JsonObject status() {
    boolean on = settings.configured();
    return new JsonObject()
        .put("configured", on)
        .put("model", on ? settings.model() : null)
        .put("models", on ? new JsonArray(settings.models()) : new JsonArray());
  }
}
