package io.protstream.embed.messaging;

import io.protstream.embed.encoder.LoadedModel;
import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.model.batching.Windows;
import io.protstream.model.pipeline.EmbeddingResult;
import io.protstream.model.runtime.Embedding;
import io.protstream.schemas.Fp16Matrix;
import io.protstream.schemas.ResidueParts;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The events one embedding becomes: a per-protein vector and the fp16 residue matrix in parts. */
final class EmbeddingEvents {

  private EmbeddingEvents() {}

  static ProteinEmbeddingEvent protein(
      String digest,
      List<String> accessions,
      EmbeddingResult result,
      LoadedModel model,
      Instant createdAt) {
    Embedding e = result.embedding();
    List<Float> vector = new ArrayList<>(e.dModel());
    for (float v : e.protein()) {
      vector.add(v);
    }
    return ProteinEmbeddingEvent.newBuilder()
        .setSequenceDigest(digest)
        .setAccessions(accessions)
        .setModelId(model.modelId())
        .setDimension(e.dModel())
        .setVector(vector)
        .setLength(e.length())
        .setWindowed(result.windowed())
        .setCreatedAt(createdAt)
        .build();
  }

  /** The residue matrix as parts of at most {@code maxPartBytes} fp16 bytes each. */
  static List<ResidueEmbeddingEvent> residueParts(
      String digest,
      List<String> accessions,
      EmbeddingResult result,
      LoadedModel model,
      Instant createdAt,
      int maxPartBytes) {
    Embedding e = result.embedding();
    int windowSize = model.limits().maxLength();
    int overlap = model.limits().windowOverlap();
    ResidueEmbeddingEvent whole =
        ResidueEmbeddingEvent.newBuilder()
            .setSequenceDigest(digest)
            .setAccessions(accessions)
            .setModelId(model.modelId())
            .setLength(e.length())
            .setDimension(e.dModel())
            .setResidues(ByteBuffer.wrap(Fp16Matrix.encode(e.residues())))
            .setWindowed(result.windowed())
            .setWindowSize(result.windowed() ? windowSize : null)
            .setWindowOverlap(result.windowed() ? overlap : null)
            .setWindowCount(
                result.windowed() ? Windows.plan(e.length(), windowSize, overlap).size() : 1)
            .setPart(0)
            .setPartCount(1)
            .setFirstRow(0)
            .setCreatedAt(createdAt)
            .build();
    return ResidueParts.split(whole, maxPartBytes);
  }
}
