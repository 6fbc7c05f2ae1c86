package io.protstream.predict.heads;

import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.predict.domain.HeadIds;

/**
 * The heads once loaded, fired as a CDI event when loading finishes.
 *
 * @param ids the models the annotations name; {@code ids.encoder()} is the only encoder whose
 *     matrices are accepted
 * @param dimension the encoder width the heads read
 */
public record LoadedHeads(ProtT5Model model, HeadIds ids, int dimension) {}
