package io.protstream.predict.heads;

import io.protstream.model.pipeline.ProtT5Model;
import io.protstream.predict.domain.HeadIds;
import io.protstream.support.loading.LoadedOnce;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The heads once loaded, fired as a CDI event when loading finishes.
 *
 * @param ids the models the annotations name; {@code ids.encoder()} is the only encoder whose
 *     matrices are accepted
 * @param dimension the encoder width the heads read
 */
public record LoadedHeads(ProtT5Model model, HeadIds ids, int dimension)
    implements LoadedOnce.Resource {

  @Override
  public boolean demo() {
    return ids.demo();
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("encoderModelId", ids.encoder());
    details.put("secondaryStructureModelId", ids.secstruct());
    details.put("localizationModelId", ids.localization());
    if (ids.membrane() != null) {
      details.put("membraneModelId", ids.membrane());
    }
    details.put("dimension", dimension);
    return details;
  }

  @Override
  public void close() {
    model.close();
  }
}
