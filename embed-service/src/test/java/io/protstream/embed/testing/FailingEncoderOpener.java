package io.protstream.embed.testing;

import io.protstream.embed.config.EmbedConfig;
import io.protstream.embed.domain.SequenceEmbedding;
import io.protstream.embed.encoder.EncoderOpener;
import io.protstream.embed.encoder.LoadedModel;
import io.protstream.model.pipeline.ProteinSequence;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real tiny encoder, except that every encoder batch holding {@link #POISON} fails as a native
 * kernel error would: the whole batch throws. Enabled only by the test profiles that select it (not
 * by default).
 */
@Alternative
@Singleton
public class FailingEncoderOpener extends EncoderOpener {

  /** A valid sequence (the tokenizer accepts it) that the encoder fails on. */
  public static final String POISON = "MKWVTFISLLFLFSSAYSRGVFRRDTHKSEIAHRFKDLGEEHFK";

  public static final String FAILURE = "encoder kernel failed on this batch";

  /** Every batch the encoder failed, as its sequences. */
  public static final List<List<String>> FAILED_BATCHES = new CopyOnWriteArrayList<>();

  public FailingEncoderOpener(EmbedConfig config) {
    super(config);
  }

  @Override
  public LoadedModel open(Path folder) {
    LoadedModel real = super.open(folder);
    SequenceEmbedding.Encoder failing =
        batch -> {
          List<String> sequences = batch.stream().map(ProteinSequence::sequence).toList();
          if (sequences.contains(POISON)) {
            FAILED_BATCHES.add(sequences);
            throw new IllegalStateException(FAILURE);
          }
          return real.encoder().embed(batch);
        };
    return new LoadedModel(
        real.model(), failing, real.modelId(), real.demo(), real.dimension(), real.limits());
  }
}
