package com.projectmeats.documents;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What an upload really is, read from its bytes: the name and the client's Content-Type are
 * whatever the sender chose, so a PNG called .pdf is a PNG and an executable called .pdf is
 * refused. Text is told apart from binary by being valid UTF-8 without NUL bytes.
 */
public enum FileType {
  PDF("application/pdf"),
  PNG("image/png"),
  JPEG("image/jpeg"),
  CSV("text/csv"),
  TEXT("text/plain");

  final String mediaType;

  public String mediaType() {
    return mediaType;
  }

  FileType(String mediaType) {
    this.mediaType = mediaType;
  }

  public boolean image() {
    return this == PNG || this == JPEG;
  }

  public static Optional<FileType> detect(byte[] bytes, String filename) {
    if (startsWith(bytes, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(PDF);
    }
    if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (bytes.length == 0 || !utf8WithoutNul(bytes)) {
      return Optional.empty();
    }
    // Both are text; the name only chooses how the text is read, never whether it is accepted.
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    return Optional.of(name.endsWith(".csv") || name.endsWith(".tsv") ? CSV : TEXT);
  }

  static Optional<FileType> ofMediaType(String mediaType) {
    for (FileType t : values()) {
      if (t.mediaType.equals(mediaType)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int... magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean utf8WithoutNul(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
