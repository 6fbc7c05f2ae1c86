package io.protstream.index.domain;

import java.util.List;

/** Announces transferred annotations downstream; returns once the announcement is durable. */
public interface TransferPublisher {

  void publish(
      String digest, List<String> accessions, String modelId, TransferredAnnotations transfer);
}
