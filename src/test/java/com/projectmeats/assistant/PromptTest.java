package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.assistant.Messages.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the model is told: the system prompt, then as much history as the budget allows. */
class PromptTest {
  private long ids;

  private Message m(String role, String content) {
    return new Message(
        ++ids,
        1L,
        role,
        content,
        "gpt-test",
        "complete",
        null,
        0,
        0,
        null,
        new JsonArray(),
        Instant.EPOCH,
        Instant.EPOCH);
  }

  private static List<String> contents(JsonArray messages) {
    return messages.stream()
        .skip(1)
        .map(o -> ((JsonObject) o).getString("role") + ":" + ((JsonObject) o).getString("content"))
        .toList();
  }

  @Test
  void theSystemPromptSaysWhoItWorksForAndThatItOnlyReads() {
    String system =
        Prompt.system("Cactus Brokerage", ToolsTest.CALLER, LocalDate.parse("2026-11-26"));
    assertThat(system)
        .contains("Cactus Brokerage")
        .contains("ana@example.com")
        .contains("readonly")
        .contains("cannot create, change")
        .contains("2026-11-26");
  }

  @Test
  void onlyTheLatestAnswerToEachQuestionCountsAndEmptyAnswersAreLeftOut() {
    List<Message> history =
        List.of(
            m("user", "Q1"),
            m("assistant", "A1"),
            m("assistant", "A1 again"),
            m("user", "Q2"),
            m("assistant", ""),
            m("user", "Q3"));
    JsonArray messages = Prompt.messages("sys", history);
    assertThat(messages.getJsonObject(0))
        .isEqualTo(new JsonObject().put("role", "system").put("content", "sys"));
    assertThat(contents(messages))
        .containsExactly("user:Q1", "assistant:A1 again", "user:Q2", "user:Q3");
  }

  @Test
  void earlierTurnsFillTheBudgetNewestFirstAndTheQuestionAlwaysGoes() {
    List<Message> history = new ArrayList<>();
    String long_ = "x".repeat(Prompt.HISTORY_TOKENS * 4 / 3);
    for (int i = 0; i < 6; i++) {
      history.add(m("user", "question " + i));
      history.add(m("assistant", long_ + i));
    }
    String huge = "y".repeat(Prompt.HISTORY_TOKENS * 8);
    history.add(m("user", huge));
    assertThat(contents(Prompt.messages("sys", history))).containsExactly("user:" + huge);
    history.remove(history.size() - 1);
    history.add(m("user", "now"));
    List<String> kept = contents(Prompt.messages("sys", history));
    assertThat(kept).endsWith("assistant:" + long_ + 5, "user:now");
    assertThat(kept.size()).isBetween(3, 5);
    int tokens = kept.stream().mapToInt(Prompt::estimateTokens).sum();
    assertThat(tokens).isLessThanOrEqualTo(Prompt.HISTORY_TOKENS + 10);
  }
}
