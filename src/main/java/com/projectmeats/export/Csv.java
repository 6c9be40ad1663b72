package com.projectmeats.export;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * RFC 4180 text: comma-separated, CRLF line ends, a field quoted when it holds a quote, comma or
 * line break (quotes doubled inside). A text cell starting with = + - @ (or a tab or CR) would be
 * run as a formula by spreadsheet programs: it gets a leading apostrophe, which they show as text.
 */
final class Csv {
  /**
   * The UTF-8 byte order mark: without it Excel reads the file as the machine's legacy code page.
   */
  static final String BOM = "\uFEFF";

  private Csv() {}

  static Buffer header(List<ExportColumn> columns) {
    StringBuilder line = new StringBuilder(BOM);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(columns.get(i).label()));
    }
    return Buffer.buffer(line.append("\r\n").toString());
  }

  static Buffer rows(List<ExportColumn> columns, List<JsonObject> records) {
    StringBuilder out = new StringBuilder(records.size() * 200);
    for (JsonObject record : records) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        ExportColumn column = columns.get(i);
        String text = column.text(record);
        out.append(field(column.peopleText() ? defuse(text) : text));
      }
      out.append("\r\n");
    }
    return Buffer.buffer(out.toString());
  }

  static String defuse(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  static String field(String text) {
    if (text.indexOf('"') < 0
        && text.indexOf(',') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
