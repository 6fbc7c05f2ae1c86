package io.protstream.ingest.domain;

import io.protstream.ingest.domain.parse.ParseListener;
import io.protstream.ingest.domain.parse.ParseSummary;
import io.protstream.ingest.domain.parse.ParserOptions;
import io.protstream.ingest.domain.parse.UniProtReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the test fixtures under {@code uniprot/} and {@code malformed/} from the classpath. */
public final class Samples {

  private Samples() {}

  /** Everything one read produced. */
  public record Outcome(List<UniProtEntry> entries, List<Reject> rejects, ParseSummary summary) {}

  public static Path path(String resource) {
    try {
      return Path.of(Samples.class.getResource("/" + resource).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("no test resource " + resource, e);
    }
  }

  public static byte[] bytes(String resource) {
    try (InputStream in = Samples.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Outcome read(String resource) {
    return read(resource, ParserOptions.defaults());
  }

  public static Outcome read(String resource, ParserOptions options) {
    try (InputStream in = Samples.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return read(in, resource, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Outcome read(InputStream in, String name, ParserOptions options)
      throws IOException {
    List<UniProtEntry> entries = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    ParseSummary summary =
        new UniProtReader(options)
            .read(
                in,
                name,
                new ParseListener() {
                  @Override
                  public void onEntry(UniProtEntry entry) {
                    entries.add(entry);
                  }

                  @Override
                  public void onReject(Reject reject) {
                    rejects.add(reject);
                  }
                });
    return new Outcome(entries, rejects, summary);
  }

  public static List<UniProtEntry> entries(String resource) {
    Outcome outcome = read(resource);
    if (!outcome.rejects().isEmpty()) {
      throw new IllegalStateException(resource + " has rejects: " + outcome.rejects());
    }
    return outcome.entries();
  }
}
