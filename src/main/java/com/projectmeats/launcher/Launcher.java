package com.projectmeats.launcher;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's entry point, compiled for Java 8 (pom.xml) so that any java a newcomer has on the PATH
 * can load it: on a release older than the service needs it prints one line naming the need and
 * JAVA_HOME and exits 2 (bad configuration), where loading the service itself would end in an
 * UnsupportedClassVersionError stack trace. Otherwise it hands every command over unchanged.
 */
public final class Launcher {
  static final int NEEDED = 21;
  private static final int USAGE = 2;
  private static final String SERVICE = "com.projectmeats.Main";

  private Launcher() {}

  public static void main(String[] args) throws Throwable {
    int running = feature(System.getProperty("java.specification.version"));
    if (running < NEEDED) {
      System.err.println(
          "projectmeats: needs Java "
              + NEEDED
              + " or newer, but this java is "
              + running
              + " ("
              + System.getProperty("java.home")
              + "): set JAVA_HOME to a JDK "
              + NEEDED
              + "+ and run \"$JAVA_HOME/bin/java\" -jar "
              + jar());
      System.exit(USAGE);
    }
    // Looked up by name: a direct reference would make this class need the service's class-file
    // version.
    MethodHandle main =
        MethodHandles.publicLookup()
            .findStatic(
                Class.forName(SERVICE), "main", MethodType.methodType(void.class, String[].class));
    main.invokeExact(args);
  }

  private static String jar() {
    try {
      return new java.io.File(
              Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getPath();
    } catch (Exception unknown) {
      return "projectmeats.jar";
    }
  }

  /** "1.8" → 8, "17" → 17; 0 when unreadable, which counts as too old. */
  static int feature(String specificationVersion) {
    if (specificationVersion == null) {
      return 0;
    }
    String version =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
