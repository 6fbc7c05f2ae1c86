package io.protstream.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The class path of a server JVM, recorded by the build in a resource of the matching {@code
 * *-runtime} module (the build resolves the server's artifacts from Maven Central; the jars stay
 * out of the caller's own class path).
 */
final class ServerClasspath {

  private ServerClasspath() {}

  /**
   * Reads {@code io/protstream/infra/<server>.classpath} and appends the watchdog entry point's
   * location.
   */
  static String of(String server) {
    String resource = "io/protstream/infra/" + server + ".classpath";
    try (InputStream in = ServerClasspath.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "no "
                + resource
                + " on the class path: build the protstream-"
                + server
                + "-runtime module first (./mvnw install -DskipTests)");
      }
      String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return recorded + java.io.File.pathSeparator + ownLocation();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  static List<String> entries(String classpath) {
    return Arrays.asList(classpath.split(java.io.File.pathSeparator));
  }

  private static String ownLocation() {
    try {
      return Path.of(WatchedMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
