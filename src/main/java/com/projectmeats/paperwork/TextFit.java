package com.projectmeats.paperwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text made to fit a font and a width: characters the font has no glyph for become "?" (a name in a
 * script the embedded font lacks still prints, and never fails the document), control characters
 * become spaces, and lines wrap at spaces, or inside a word too long for the width.
 */
final class TextFit {
  private final PDFont font;
  private final Map<Integer, Boolean> printable = new HashMap<>();

  TextFit(PDFont font) {
    this.font = font;
  }

  PDFont font() {
    return font;
  }

  /**
   * The text with every character the font can draw; line breaks are kept only when {@code
   * keepBreaks}.
   */
  String clean(String text, boolean keepBreaks) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == '\n' && keepBreaks) {
                out.append('\n');
              } else if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(cp == '\r' && keepBreaks ? "" : " ");
              } else if (printable.computeIfAbsent(cp, this::hasGlyph)) {
                out.appendCodePoint(cp);
              } else {
                out.append('?');
              }
            });
    return out.toString();
  }

  private boolean hasGlyph(int codePoint) {
    try {
      font.encode(new String(Character.toChars(codePoint)));
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  float width(String cleanText, float size) {
    try {
      return font.getStringWidth(cleanText) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text as lines no wider than {@code width}; an empty text is one empty line. */
  List<String> wrap(String text, float size, float width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : clean(text, true).split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.strip().split(" +")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (width(candidate, size) <= width) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        // A word wider than the column is cut where it reaches the edge.
        String rest = word;
        while (width(rest, size) > width && rest.length() > 1) {
          int cut = rest.length() - 1;
          while (cut > 1 && width(rest.substring(0, cut), size) > width) {
            cut--;
          }
          lines.add(rest.substring(0, cut));
          rest = rest.substring(cut);
        }
        line.append(rest);
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
