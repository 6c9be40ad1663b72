package com.projectmeats.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonObject;

/** The document as YAML, written by Jackson's YAML emitter (quotes only where YAML needs them). */
final class Yaml {
  private static final YAMLMapper MAPPER =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private Yaml() {}

  static String write(JsonObject root) {
    try {
      return MAPPER.writeValueAsString(MAPPER.readTree(root.encode()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The document cannot be written as YAML", e);
    }
  }
}
