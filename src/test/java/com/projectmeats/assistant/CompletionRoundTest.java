package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.projectmeats.testing.FakeOpenAi;
import org.junit.jupiter.api.Test;

/**
 * Chunks of a streamed chat completion become text, assembled tool calls, a finish reason and
 * usage.
 */
class CompletionRoundTest {
  private static String data(io.vertx.core.json.JsonObject chunk) {
    return chunk.encode();
  }

  @Test
  void textFinishAndAUsageOnlyLastChunk() {
    CompletionRound round = new CompletionRound();
    assertThat(round.accept(data(FakeOpenAi.delta("Hel")))).isEqualTo("Hel");
    assertThat(round.accept(data(FakeOpenAi.delta("lo")))).isEqualTo("lo");
    assertThat(round.accept(data(FakeOpenAi.finish("length")))).isEmpty();
    assertThat(round.accept(data(FakeOpenAi.usage(12, 34)))).isEmpty();
    assertThat(round.accept("[DONE]")).isEmpty();
    round.requireFinished();
    assertThat(round.text()).isEqualTo("Hello");
    assertThat(round.finishReason()).isEqualTo("length");
    assertThat(round.promptTokens()).isEqualTo(12);
    assertThat(round.completionTokens()).isEqualTo(34);
    assertThat(round.toolCalls()).isEmpty();
  }

  @Test
  void toolCallFragmentsAreAssembledByIndex() {
    CompletionRound round = new CompletionRound();
    round.accept(data(FakeOpenAi.toolFragment(0, "call_a", "get_record", "")));
    round.accept(data(FakeOpenAi.toolFragment(1, "call_b", "dashboard", "{}")));
    round.accept(data(FakeOpenAi.toolFragment(0, null, null, "{\"resource\":")));
    round.accept(data(FakeOpenAi.toolFragment(0, null, null, "\"suppliers\",\"id\":7}")));
    round.accept(data(FakeOpenAi.finish("tool_calls")));
    assertThat(round.toolCalls())
        .containsExactly(
            new CompletionRound.ToolCall(
                "call_a", "get_record", "{\"resource\":\"suppliers\",\"id\":7}"),
            new CompletionRound.ToolCall("call_b", "dashboard", "{}"));
    assertThat(round.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  void garbageIsABadResponse() {
    CompletionRound round = new CompletionRound();
    assertThatThrownBy(() -> round.accept("<html>"))
        .isInstanceOf(UpstreamException.class)
        .extracting(e -> ((UpstreamException) e).code())
        .isEqualTo("upstream_bad_response");
    assertThatThrownBy(() -> round.accept("[1,2]")).isInstanceOf(UpstreamException.class);
    assertThatThrownBy(() -> round.accept("{\"choices\":\"nope\"}"))
        .isInstanceOf(UpstreamException.class);
    assertThatThrownBy(() -> round.accept("{\"error\":{\"message\":\"overloaded\"}}"))
        .hasMessageContaining("overloaded");
  }

  @Test
  void aStreamThatStopsMidAnswerIsABadResponse() {
    CompletionRound round = new CompletionRound();
    round.accept(data(FakeOpenAi.delta("half")));
    assertThatThrownBy(round::requireFinished).isInstanceOf(UpstreamException.class);
  }
}
