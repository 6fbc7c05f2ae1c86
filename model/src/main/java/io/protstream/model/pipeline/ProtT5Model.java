package io.protstream.model.pipeline;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.batching.TokenBudgetBatcher;
import io.protstream.model.runtime.Embedding;
import io.protstream.model.runtime.EncoderModel;
import io.protstream.model.runtime.ExecutionDevice;
import io.protstream.model.runtime.LightAttentionModel;
import io.protstream.model.runtime.OptimizedGraphCache;
import io.protstream.model.runtime.RuntimeOptions;
import io.protstream.model.runtime.SecStructModel;
import io.protstream.model.runtime.ShapeProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A model folder loaded for inference: the encoder and whichever heads the folder has. Thread-safe;
 * each calling thread gets its own predictors.
 */
public final class ProtT5Model implements AutoCloseable {

  private final Manifest manifest;
  private final EncoderModel encoder;
  private final SecStructModel secstruct;
  private final LightAttentionModel localization;
  private final LightAttentionModel membrane;
  private final Embedder embedder;
  private final BatchLimits limits;

  private ProtT5Model(
      Manifest manifest,
      EncoderModel encoder,
      SecStructModel secstruct,
      LightAttentionModel localization,
      LightAttentionModel membrane,
      BatchLimits limits,
      ExecutionDevice device) {
    this.manifest = manifest;
    this.encoder = encoder;
    this.secstruct = secstruct;
    this.localization = localization;
    this.membrane = membrane;
    this.limits = limits;
    this.embedder = encoder == null ? null : new Embedder(encoder, encoderLimits(limits, device));
  }

  /**
   * The batch limits the encoder runs under. On a CPU, one sequence (or window) per run is faster
   * than a padded batch: the matrix multiplies are already large enough to keep the cores busy, so
   * batching saves nothing and the padding and larger attention tensors cost 7-14 % (measured with
   * {@code protstream bench --compare}, ProtT5-XL shape). GPUs need batches to fill the device.
   */
  public static BatchLimits encoderLimits(BatchLimits limits, ExecutionDevice device) {
    if (device != ExecutionDevice.CPU || limits.maxBatchSize() == 1) {
      return limits;
    }
    return new BatchLimits(1, limits.maxTokens(), limits.maxLength(), limits.windowOverlap());
  }

  /**
   * Opens a model folder after checking its files against the manifest's hashes ({@link
   * ModelIntegrity}: files confirmed before in their current size and time are not hashed again).
   *
   * @throws ModelIntegrityException if a file is not the one the manifest lists
   */
  public static ProtT5Model open(Path folder, RuntimeOptions options, BatchLimits limits) {
    return open(folder, options, limits, true);
  }

  /**
   * Opens only the heads of a model folder, for predicting from embeddings made elsewhere: the
   * encoder is neither verified nor loaded, and {@link #embed} and {@link #predict} refuse.
   */
  public static ProtT5Model openHeads(Path folder, RuntimeOptions options, BatchLimits limits) {
    return open(folder, options, limits, false);
  }

  private static ProtT5Model open(
      Path folder, RuntimeOptions options, BatchLimits limits, boolean withEncoder) {
    Manifest m = Manifest.read(folder);
    String encoderFile = m.encoder().file();
    ModelIntegrity.verify(
        folder,
        m,
        path -> withEncoder || !(path.equals(encoderFile) || path.startsWith(encoderFile + ".")));
    int d = ((Number) m.encoder().config().get("d_model")).intValue();
    // TensorRT engines are built for the shapes the batcher can form
    int maxRows = limits.maxLength() + 1;
    int typical = Math.min(512, maxRows);
    EncoderModel encoder =
        withEncoder
            ? EncoderModel.load(
                folder.resolve(encoderFile),
                options,
                ShapeProfile.encoder(limits.maxBatchSize(), typical, maxRows),
                graphCache(folder, m, encoderFile))
            : null;
    ShapeProfile heads = ShapeProfile.head(d, limits.maxBatchSize(), typical, maxRows);
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      SecStructModel sec =
          m.secstruct() == null
              ? null
              : SecStructModel.load(
                  folder.resolve(m.secstruct().file()),
                  options,
                  heads,
                  graphCache(folder, m, m.secstruct().file()));
      opened.add(sec);
      LightAttentionModel loc =
          m.localization() == null
              ? null
              : LightAttentionModel.load(
                  folder.resolve(m.localization().file()),
                  options,
                  heads,
                  graphCache(folder, m, m.localization().file()));
      opened.add(loc);
      LightAttentionModel mem =
          m.membrane() == null
              ? null
              : LightAttentionModel.load(
                  folder.resolve(m.membrane().file()),
                  options,
                  heads,
                  graphCache(folder, m, m.membrane().file()));
      return new ProtT5Model(m, encoder, sec, loc, mem, limits, options.device());
    } catch (RuntimeException e) {
      closeQuietly(encoder);
      opened.forEach(ProtT5Model::closeQuietly);
      throw e;
    }
  }

  /**
   * The optimised-graph cache of one graph, keyed by the SHA-256 of its files as the manifest lists
   * them (just verified), so a replaced graph never meets an old optimised copy.
   */
  private static OptimizedGraphCache graphCache(Path folder, Manifest m, String graphFile) {
    StringBuilder content = new StringBuilder();
    for (Manifest.FileEntry f : m.files()) {
      if (f.path().equals(graphFile) || f.path().startsWith(graphFile + ".")) {
        content.append(f.path()).append('=').append(f.sha256()).append(';');
      }
    }
    // a graph the manifest does not list has no identity to key a cache by
    return content.isEmpty() ? null : OptimizedGraphCache.in(folder, content.toString());
  }

  public Manifest manifest() {
    return manifest;
  }

  public int dModel() {
    return ((Number) manifest.encoder().config().get("d_model")).intValue();
  }

  public List<EmbeddingResult> embed(List<ProteinSequence> sequences) {
    return embedder().embed(sequences);
  }

  public List<EmbeddingResult> embed(List<ProteinSequence> sequences, IntConsumer progress) {
    return embedder().embed(sequences, progress);
  }

  /** Embeds and runs every head the folder has. */
  public List<Prediction> predict(List<ProteinSequence> sequences, IntConsumer progress) {
    List<EmbeddingResult> embedded = embedder().embed(sequences, progress);
    return predictFromEmbeddings(embedded);
  }

  /** Runs the heads on embeddings made earlier, batched by the same token budget. */
  public List<Prediction> predictFromEmbeddings(List<EmbeddingResult> embedded) {
    Prediction[] out = new Prediction[embedded.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < embedded.size(); i++) {
      order.add(i);
    }
    TokenBudgetBatcher batcher = new TokenBudgetBatcher(limits);
    for (List<Integer> batch : batcher.batches(order, i -> embedded.get(i).embedding().length())) {
      List<Embedding> inputs = batch.stream().map(i -> embedded.get(i).embedding()).toList();
      List<SecStructModel.Result> sec = secstruct == null ? null : secstruct.predict(inputs);
      List<float[]> loc = localization == null ? null : localization.predict(inputs);
      List<float[]> mem = membrane == null ? null : membrane.predict(inputs);
      for (int k = 0; k < batch.size(); k++) {
        EmbeddingResult e = embedded.get(batch.get(k));
        out[batch.get(k)] =
            assemble(
                e,
                sec == null ? null : sec.get(k),
                loc == null ? null : loc.get(k),
                mem == null ? null : mem.get(k));
      }
    }
    return List.of(out);
  }

  private static Prediction assemble(
      EmbeddingResult e, SecStructModel.Result sec, float[] loc, float[] mem) {
    float[][] p3 = sec == null ? null : Softmax.rows(sec.dssp3(), 3);
    float[][] p8 = sec == null ? null : Softmax.rows(sec.dssp8(), 8);
    float[][] pd = sec == null ? null : Softmax.rows(sec.disorder(), 2);
    float[] pl = loc == null ? null : Softmax.of(loc, 0, loc.length);
    float[] pm = mem == null ? null : Softmax.of(mem, 0, mem.length);
    return new Prediction(
        e.id(),
        p3 == null ? null : Prediction.labels(p3, Labels.DSSP3),
        p8 == null ? null : Prediction.labels(p8, Labels.DSSP8),
        pd == null ? null : Prediction.labels(pd, Labels.DISORDER),
        p3,
        p8,
        pd,
        pl == null ? null : Labels.LOCALIZATION.get(Softmax.argmax(pl)),
        pl,
        pm == null ? null : Labels.MEMBRANE.get(Softmax.argmax(pm)),
        pm,
        e.windowed());
  }

  private Embedder embedder() {
    if (embedder == null) {
      throw new IllegalStateException("heads-only model: opened without its encoder");
    }
    return embedder;
  }

  @Override
  public void close() {
    closeQuietly(encoder);
    closeQuietly(secstruct);
    closeQuietly(localization);
    closeQuietly(membrane);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a native session does not fail in a way the caller could act on
      }
    }
  }
}
