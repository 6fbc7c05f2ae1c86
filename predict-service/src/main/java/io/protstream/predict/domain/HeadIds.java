package io.protstream.predict.domain;

import io.protstream.model.pipeline.Manifest;

/**
 * The models an annotation names: the encoder whose embeddings the heads read (a residue matrix
 * from any other encoder is refused) and each head.
 *
 * @param membrane null when the folder has no membrane head
 */
public record HeadIds(String encoder, String secstruct, String localization, String membrane) {

  /** The ids of a model folder, as its manifest names them. */
  public static HeadIds of(Manifest manifest) {
    return new HeadIds(
        manifest.encoderId(),
        head(manifest, manifest.secstruct()),
        head(manifest, manifest.localization()),
        head(manifest, manifest.membrane()));
  }

  public boolean demo() {
    return encoder.startsWith("demo-");
  }

  private static String head(Manifest manifest, Manifest.Head head) {
    return head == null ? null : manifest.headId(head);
  }
}
