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
  void plainDeltasAreReadInAnyShapeOpenAiSendsThem() {
    CompletionRound round = new CompletionRound();
    // Escapes, non-ASCII, fields in another order, a role-only first delta, extra choices, nulls.
    assertThat(
            round.accept(
                "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"index\":0}],\"id\":\"x\"}"))
        .isEmpty();
    assertThat(
            round.accept(
                "{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"system_fingerprint\":null,"
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a \\\"q\\\" \\\\ \\n\\u00e9\\ud83d\\ude00\"},"
                    + "\"logprobs\":null,\"finish_reason\":null},{\"index\":1,\"delta\":{\"content\":\"other\"}}],\"usage\":null}"))
        .isEqualTo("a \"q\" \\ \n\u00e9\ud83d\ude00");
    assertThat(round.accept("{\"choices\":[{\"index\":0,\"delta\":null,\"finish_reason\":null}]}"))
        .isEmpty();
    assertThat(
            round.accept(
                "{\"choices\":[{\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}]}"))
        .isEqualTo("!");
    assertThat(round.text()).isEqualTo("a \"q\" \\ \n\u00e9\ud83d\ude00!");
    assertThat(round.finishReason()).isEqualTo("stop");
    // Text and usage in one chunk (read whole), and an error beside text: nothing of it is taken.
    assertThat(
            round.accept(
                "{\"choices\":[{\"delta\":{\"content\":\"?\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}"))
        .isEqualTo("?");
    assertThat(round.completionTokens()).isEqualTo(4);
    assertThatThrownBy(
            () ->
                round.accept(
                    "{\"choices\":[{\"delta\":{\"content\":\"lost\"}}],\"error\":{\"message\":\"x\"}}"))
        .isInstanceOf(UpstreamException.class);
    assertThatThrownBy(
            () -> round.accept("{\"choices\":[{\"delta\":{\"content\":\"x\"}}]} trailing"))
        .isInstanceOf(UpstreamException.class);
    assertThat(round.text()).isEqualTo("a \"q\" \\ \n\u00e9\ud83d\ude00!?");
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
