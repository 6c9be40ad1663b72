package com.projectmeats.assistant;

import com.projectmeats.assistant.Messages.Message;
import com.projectmeats.core.security.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the model is told: who it works for and what it may do, then as many earlier turns as fit in
 * the history budget (newest first; ~4 characters a token), then the question.
 */
final class Prompt {
  static final int HISTORY_TOKENS = 6000;

  private Prompt() {}

  static int estimateTokens(String text) {
    return text == null ? 0 : text.length() / 4 + 4;
  }

  static String system(String company, Principal caller, LocalDate today) {
    return """
        You are the assistant built into ProjectMeats, working for %1$s, a meat brokerage. You help its \
        staff (this is %2$s, role %3$s) with suppliers, customers, carriers, plants, products, purchase and \
        sales orders, invoices, payments, claims and the other records of %1$s.
        Look facts up with the tools; never invent records, numbers or amounts. When a tool finds nothing, \
        say so. You can only read %1$s's records: you cannot create, change, approve, cancel or delete \
        anything, so when the user wants a change, tell them where to make it in the app. Money amounts \
        are exact decimals; quote them as the records give them. Answer briefly, in the user's language.
        Today is %4$s (UTC)."""
        .formatted(
            company,
            caller.email(),
            caller.role() == null ? "member" : caller.role().wire(),
            today);
  }

  /**
   * The messages of a chat completion request. {@code history} ends with the question being
   * answered; for each earlier question only the latest answer counts (regenerated answers replace
   * the ones before), and answers that produced no text are left out.
   */
  static JsonArray messages(String system, List<Message> history) {
    List<Message> turns = new ArrayList<>();
    for (Message m : history) {
      if (!m.isUser() && !turns.isEmpty() && !turns.get(turns.size() - 1).isUser()) {
        turns.remove(turns.size() - 1);
      }
      turns.add(m);
    }
    turns.removeIf(m -> !m.isUser() && m.content().isEmpty());
    Deque<JsonObject> kept = new ArrayDeque<>();
    int budget = HISTORY_TOKENS;
    for (int i = turns.size() - 1; i >= 0; i--) {
      Message m = turns.get(i);
      int cost = estimateTokens(m.content());
      boolean question = i == turns.size() - 1;
      if (!question && cost > budget) {
        break;
      }
      budget -= cost;
      kept.addFirst(new JsonObject().put("role", m.role()).put("content", m.content()));
    }
    JsonArray messages =
        new JsonArray().add(new JsonObject().put("role", "system").put("content", system));
    kept.forEach(messages::add);
    return messages;
  }
}
