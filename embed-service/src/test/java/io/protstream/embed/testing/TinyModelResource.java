package io.protstream.embed.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points embed-service under test at the tiny reference model, with small residue parts (so that
 * longer fixture sequences travel in several parts) and a small hard residue limit (so that a
 * too-long sequence is cheap to make).
 */
public final class TinyModelResource implements QuarkusTestResourceLifecycleManager {

  /** 32 rows of d = 64 fp16 values per part. */
  public static final int PART_BYTES = 32 * 64 * 2;

  /** Longest sequence the stream embeds in these tests. */
  public static final int MAX_RESIDUES = 1000;

  /** Longest sequence POST /embed accepts in these tests. */
  public static final int REST_MAX_RESIDUES = 400;

  @Override
  public Map<String, String> start() {
    return Map.of(
        "protstream.embed.model-directory", TinyModel.folder().toString(),
        "protstream.embed.residue-part-bytes", Integer.toString(PART_BYTES),
        "protstream.embed.max-residues", Integer.toString(MAX_RESIDUES),
        "protstream.embed.rest.max-residues", Integer.toString(REST_MAX_RESIDUES),
        "protstream.embed.stream.transactional-id", "embed-service-test");
  }

  @Override
  public void stop() {}
}
