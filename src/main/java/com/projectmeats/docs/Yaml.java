package com.projectmeats.docs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The document as YAML, written by Jackson's YAML emitter (quotes only where YAML needs them).
 *
 * <p>A mapping or list that fits on a short line is written in flow style ({@code {$ref: '…'}},
 * {@code type: [string, 'null']}, {@code required: [id, name]}), as people write OpenAPI by hand:
 * block style would spend a line and an indentation on each of its items, and the document has
 * thousands of them (it is about a fifth shorter this way). The emitter quotes what a flow context
 * needs quoted ({@code ','}, {@code '{'}…); the tests read the YAML back and compare it with the
 * JSON.
 */
final class Yaml {
  /** A collection whose compact JSON is at most this long is written on one line. */
  private static final int FLOW_UP_TO = 72;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Yaml() {}

  static String write(JsonObject root) {
    // The generator reads the flow style from these options at each collection it starts, so
    // switching it per collection is how one document mixes block and flow.
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(100);
    options.setSplitLines(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .dumperOptions(options)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = factory.createGenerator(out)) {
      write(JSON.readTree(root.encode()), generator, options, false, false);
    } catch (IOException e) {
      throw new UncheckedIOException("The document cannot be written as YAML", e);
    }
    return out.toString();
  }

  private static void write(
      JsonNode node, JsonGenerator out, DumperOptions options, boolean inFlow, boolean listItem)
      throws IOException {
    if (!node.isContainerNode()) {
      JSON.writeTree(out, node);
      return;
    }
    boolean flow = inFlow || (!node.isEmpty() && flows(node, listItem));
    options.setDefaultFlowStyle(
        flow ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
    if (node.isObject()) {
      out.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.writeFieldName(field.getKey());
        write(field.getValue(), out, options, flow, false);
      }
      out.writeEndObject();
    } else {
      out.writeStartArray();
      for (JsonNode item : node) {
        write(item, out, options, flow, true);
      }
      out.writeEndArray();
    }
  }

  /**
   * A list of plain values always (the emitter breaks a long one between items); anything else when
   * it is short, except a one-entry mapping that is an item of a list: {@code - $ref: …} is already
   * one line.
   */
  private static boolean flows(JsonNode node, boolean listItem) {
    if (node.isArray()) {
      boolean plain = true;
      for (JsonNode item : node) {
        plain &= !item.isContainerNode();
      }
      if (plain) {
        return true;
      }
    } else if (listItem && node.size() == 1 && !node.elements().next().isContainerNode()) {
      return false;
    }
    return node.toString().length() <= FLOW_UP_TO;
  }
}
