package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** A delta's text is written as the JSON string Jackson would write for it. */
class SseSinkTest {
  @Test
  void quotingMatchesJacksonForEveryCharacterClass() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x100; c++) {
      all.append(c);
    }
    all.append("\u2028\u2029\uffff\ud83d\ude00 é ü 中文");
    check(all.toString());
    check("");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int n = 0; n < 200; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        s.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD800)));
      }
      check(s.toString());
    }
  }

  private static void check(String text) {
    StringBuilder quoted = new StringBuilder();
    SseSink.quote(quoted, text);
    String json = "{\"content\":" + quoted + "}";
    assertThat(json).isEqualTo(new JsonObject().put("content", text).encode());
    assertThat(new JsonObject(json).getString("content")).isEqualTo(text);
  }
}
