package com.projectmeats.assistant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One streamed chat completion, assembled from its chunks: the text, the tool calls (which arrive
 * as fragments: an index, then the id and name, then pieces of the arguments), how it finished and
 * the token usage (OpenAI sends it in a last chunk without choices).
 */
final class CompletionRound {
  record ToolCall(String id, String name, String arguments) {
    JsonObject toMessage() {
      return new JsonObject()
          .put("id", id)
          .put("type", "function")
          .put("function", new JsonObject().put("name", name).put("arguments", arguments));
    }
  }

  private static final class PartialCall {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }

  /** Arguments of one call beyond this are not a lookup the model needs; they are a runaway. */
  static final int MAX_ARGUMENTS = 64 * 1024;

  private final StringBuilder text = new StringBuilder();
  private final Map<Integer, PartialCall> calls = new TreeMap<>();
  private String finishReason;
  private boolean done;
  private long promptTokens;
  private long completionTokens;

  private static final JsonFactory JSON = new JsonFactory();

  /** A chunk the fast path does not read; {@link #accept} reads it whole instead. */
  private static final class NotPlain extends Exception {
    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  /** Reads one event's data and answers the text it adds to the answer ("" when none). */
  String accept(String data) {
    if (data.equals("[DONE]")) {
      done = true;
      return "";
    }
    try {
      return plain(data);
    } catch (NotPlain | java.io.IOException e) {
      // Anything but a plain text delta (usage, tool calls, an error, an unexpected shape or type)
      // is read whole below, which also says what is wrong with a broken one.
    }
    JsonObject chunk;
    try {
      if (!(Json.decodeValue(data) instanceof JsonObject object)) {
        throw UpstreamException.badResponse("an event's data is not a JSON object");
      }
      chunk = object;
    } catch (DecodeException e) {
      throw UpstreamException.badResponse("an event's data is not JSON");
    }
    try {
      return read(chunk);
    } catch (ClassCastException e) {
      throw UpstreamException.badResponse("a chunk has fields of the wrong type");
    }
  }

  /**
   * Nearly every chunk of an answer is a plain text delta: {@code {"id":…, "choices":[{"index":0,
   * "delta":{"content":"…"}, "finish_reason":null}]}}. It is read here in one pass over the text,
   * without building a JSON tree for it; any other chunk throws {@link NotPlain} before anything is
   * taken from it.
   */
  private String plain(String data) throws NotPlain, java.io.IOException {
    String content = null;
    String finish = null;
    try (JsonParser p = JSON.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw NOT_PLAIN;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("choices")) {
          if (value != JsonToken.START_ARRAY) {
            throw NOT_PLAIN;
          }
          boolean first = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!first) {
              p.skipChildren();
              continue;
            }
            first = false;
            if (p.currentToken() != JsonToken.START_OBJECT) {
              throw NOT_PLAIN;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken v = p.nextToken();
              if (name.equals("delta")) {
                if (v == JsonToken.VALUE_NULL) {
                  continue;
                }
                if (v != JsonToken.START_OBJECT) {
                  throw NOT_PLAIN;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  String key = p.currentName();
                  JsonToken d = p.nextToken();
                  if (key.equals("content")) {
                    if (d == JsonToken.VALUE_STRING) {
                      content = p.getText();
                    } else if (d != JsonToken.VALUE_NULL) {
                      throw NOT_PLAIN;
                    }
                  } else if (key.equals("tool_calls") && d != JsonToken.VALUE_NULL) {
                    throw NOT_PLAIN;
                  } else {
                    p.skipChildren();
                  }
                }
              } else if (name.equals("finish_reason")) {
                if (v == JsonToken.VALUE_STRING) {
                  finish = p.getText();
                } else if (v != JsonToken.VALUE_NULL) {
                  throw NOT_PLAIN;
                }
              } else {
                p.skipChildren();
              }
            }
          }
          if (first) {
            throw NOT_PLAIN; // no choices: a usage or error chunk
          }
        } else if ((field.equals("usage") || field.equals("error"))
            && value != JsonToken.VALUE_NULL) {
          throw NOT_PLAIN;
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw NOT_PLAIN;
      }
    }
    if (finish != null) {
      finishReason = finish;
    }
    if (content == null) {
      return "";
    }
    text.append(content);
    return content;
  }

  private String read(JsonObject chunk) {
    if (chunk.getValue("error") != null) {
      JsonObject error = chunk.getValue("error") instanceof JsonObject o ? o : new JsonObject();
      throw UpstreamException.badResponse(
          "it reported an error mid-answer ("
              + clip(error.getString("message", "no message"), 300)
              + ")");
    }
    JsonObject usage = chunk.getJsonObject("usage");
    if (usage != null) {
      promptTokens = usage.getLong("prompt_tokens", promptTokens);
      completionTokens = usage.getLong("completion_tokens", completionTokens);
    }
    JsonArray choices = chunk.getJsonArray("choices");
    if (choices == null || choices.isEmpty()) {
      return "";
    }
    JsonObject choice = choices.getJsonObject(0);
    String added = "";
    JsonObject delta = choice.getJsonObject("delta");
    if (delta != null) {
      String content = delta.getString("content");
      if (content != null) {
        text.append(content);
        added = content;
      }
      JsonArray fragments = delta.getJsonArray("tool_calls");
      if (fragments != null) {
        for (int i = 0; i < fragments.size(); i++) {
          addFragment(fragments.getJsonObject(i), i);
        }
      }
    }
    String finish = choice.getString("finish_reason");
    if (finish != null) {
      finishReason = finish;
    }
    return added;
  }

  private void addFragment(JsonObject fragment, int position) {
    int index = fragment.getInteger("index", position);
    PartialCall call = calls.computeIfAbsent(index, i -> new PartialCall());
    String id = fragment.getString("id");
    if (id != null && !id.isEmpty() && call.id == null) {
      call.id = id;
    }
    JsonObject function = fragment.getJsonObject("function");
    if (function != null) {
      String name = function.getString("name");
      if (name != null && !name.isEmpty() && call.name == null) {
        call.name = name;
      }
      String arguments = function.getString("arguments");
      if (arguments != null) {
        if (call.arguments.length() + arguments.length() > MAX_ARGUMENTS) {
          throw UpstreamException.badResponse(
              "a tool call's arguments exceed " + MAX_ARGUMENTS + " characters");
        }
        call.arguments.append(arguments);
      }
    }
  }

  /** The stream ended: it must have said how the answer finished (or at least sent [DONE]). */
  void requireFinished() {
    if (!done && finishReason == null) {
      throw UpstreamException.badResponse("the stream ended before the answer was complete");
    }
  }

  String text() {
    return text.toString();
  }

  boolean done() {
    return done;
  }

  String finishReason() {
    return finishReason == null ? "stop" : finishReason;
  }

  long promptTokens() {
    return promptTokens;
  }

  long completionTokens() {
    return completionTokens;
  }

  List<ToolCall> toolCalls() {
    List<ToolCall> out = new ArrayList<>();
    int n = 0;
    for (PartialCall call : calls.values()) {
      n++;
      if (call.name == null) {
        throw UpstreamException.badResponse("a tool call has no function name");
      }
      out.add(
          new ToolCall(
              call.id == null ? "call_" + n : call.id, call.name, call.arguments.toString()));
    }
    return out;
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
