package io.protstream.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tiny ProtT5-shaped reference checkpoint and its expected outputs in test resources. */
public final class Fixtures {

  private Fixtures() {}

  public record Case(String name, String sequence, int[] inputIds, JsonNode node) {

    public Npy expected(String key) {
      try {
        return Npy.read(root().resolve(node.get(key).asText()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/prott5-tiny/cases.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path encoder() {
    return root().resolve("encoder");
  }

  public static Path head(String file) {
    return root().resolve("heads").resolve(file);
  }

  public static JsonNode json() {
    try {
      return new ObjectMapper().readTree(root().resolve("cases.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (JsonNode c : json().get("cases")) {
      int[] ids = new int[c.get("input_ids").size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = c.get("input_ids").get(i).asInt();
      }
      out.add(new Case(c.get("name").asText(), c.get("sequence").asText(), ids, c));
    }
    return out;
  }

  public static Case byName(String name) {
    return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  public static Npy padded(String key) {
    try {
      return Npy.read(root().resolve(json().get("padded_batch").get(key).asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
