package io.protstream.predict.messaging;

import io.protstream.events.AnnotationEvent;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.predict.domain.Annotator;
import io.protstream.predict.domain.MatrixBatch;
import io.protstream.predict.domain.Refusal;
import io.protstream.schemas.CloudEventHeaders;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.AnnotationEventSerializer;
import io.protstream.schemas.serde.EventDecodingException;
import io.protstream.schemas.serde.ResidueEmbeddingEventDeserializer;
import io.protstream.support.kafka.BatchProcessor;
import io.protstream.support.kafka.BatchResult;
import io.protstream.support.kafka.LoopRecords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * One batch of {@code protein.residue-embeddings.v1} records to annotations and dead letters.
 *
 * <p>Parts of a matrix may arrive in two batches. The records of a partition from the first part of
 * such a matrix on are held here, not published, and the batch commits only up to that part, so a
 * restart reads them again from there; the next batch is planned over the held records followed by
 * the new ones. When the loop rewinds a partition, what is held for it is forgotten (it will be
 * read again).
 */
final class ResidueBatchProcessor implements BatchProcessor {

  private static final String CE_SOURCE = "/protstream/predict-service";

  private static final Logger LOG = Logger.getLogger(ResidueBatchProcessor.class);

  /** A consumed record and its decoded form. */
  private record Held(ConsumerRecord<byte[], byte[]> record, MatrixBatch.Piece piece) {}

  private final Annotator annotator;
  private final MatrixBatch assembly;
  private final PredictMetrics metrics;
  private final ResidueEmbeddingEventDeserializer deserializer =
      new ResidueEmbeddingEventDeserializer();
  private final AnnotationEventSerializer serializer = new AnnotationEventSerializer();
  private final Map<TopicPartition, List<Held>> held = new HashMap<>();

  ResidueBatchProcessor(Annotator annotator, MatrixBatch assembly, PredictMetrics metrics) {
    this.annotator = annotator;
    this.assembly = assembly;
    this.metrics = metrics;
  }

  @Override
  public BatchResult process(List<ConsumerRecord<byte[], byte[]>> batch) {
    metrics.consumed(batch.size());
    Map<TopicPartition, List<Held>> byPartition = new TreeMap<>(ResidueBatchProcessor::compare);
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      byPartition
          .computeIfAbsent(tp, k -> new ArrayList<>(held.getOrDefault(k, List.of())))
          .add(new Held(r, decode(r)));
    }
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    Map<TopicPartition, Long> commitOffsets = new HashMap<>();
    List<MatrixBatch.Whole> wholes = new ArrayList<>();
    Map<MatrixBatch.Piece, ConsumerRecord<byte[], byte[]>> records = new IdentityHashMap<>();
    for (var entry : byPartition.entrySet()) {
      TopicPartition tp = entry.getKey();
      List<Held> pieces = entry.getValue();
      pieces.forEach(h -> records.put(h.piece(), h.record()));
      MatrixBatch.Plan plan = assembly.plan(pieces.stream().map(Held::piece).toList());
      for (MatrixBatch.Refused refused : plan.refused()) {
        for (MatrixBatch.Piece p : refused.pieces()) {
          out.add(deadLetter(records.get(p), refused.refusal()));
        }
      }
      wholes.addAll(plan.wholes());
      Long resume = plan.resumeAt().get(tp.partition());
      if (resume == null) {
        held.remove(tp);
      } else {
        commitOffsets.put(tp, resume);
        held.put(tp, pieces.stream().filter(h -> h.piece().offset() >= resume).toList());
      }
    }
    metrics.held(held.values().stream().mapToInt(List::size).sum());
    if (!wholes.isEmpty()) {
      long start = System.nanoTime();
      List<Annotator.Outcome> outcomes =
          annotator.annotate(wholes.stream().map(MatrixBatch.Whole::matrix).toList());
      metrics.headsRan(wholes.size(), System.nanoTime() - start);
      int annotated = 0;
      long residues = 0;
      for (int i = 0; i < outcomes.size(); i++) {
        Annotator.Outcome o = outcomes.get(i);
        if (o.annotation() != null) {
          AnnotationEvent a = o.annotation();
          ProducerRecord<byte[], byte[]> record =
              LoopRecords.output(
                  Topics.ANNOTATIONS,
                  a.getSequenceDigest(),
                  serializer.serialize(Topics.ANNOTATIONS, a));
          // the same matrix annotated by the same heads is the same fact, whenever it is re-run
          CloudEventHeaders.addTo(
              record.headers(),
              CloudEventHeaders.ANNOTATION_TYPE,
              CE_SOURCE,
              a.getSequenceDigest(),
              a.getSequenceDigest()
                  + "/"
                  + a.getEncoderModelId()
                  + "/"
                  + a.getSecondaryStructureModelId()
                  + "/"
                  + a.getLocalizationModelId(),
              a.getCreatedAt());
          out.add(record);
          annotated++;
          residues += a.getLength();
        } else {
          // every part of the refused matrix goes to the dead letters, each with the reason
          for (MatrixBatch.Piece p : wholes.get(i).pieces()) {
            out.add(deadLetter(records.get(p), o.refusal()));
          }
        }
      }
      metrics.annotated(annotated, residues);
    }
    return new BatchResult(out, commitOffsets);
  }

  @Override
  public void rewound(Collection<TopicPartition> partitions) {
    partitions.forEach(held::remove);
  }

  private MatrixBatch.Piece decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      ResidueEmbeddingEvent part = deserializer.deserialize(r.topic(), r.value());
      if (part == null) {
        return MatrixBatch.Piece.undecodable(r.partition(), r.offset(), "tombstone");
      }
      return MatrixBatch.Piece.decoded(r.partition(), r.offset(), part);
    } catch (EventDecodingException e) {
      return MatrixBatch.Piece.undecodable(r.partition(), r.offset(), e.reason().name());
    }
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      ConsumerRecord<byte[], byte[]> source, Refusal refusal) {
    metrics.deadLetter(refusal.stage());
    LOG.warnf(
        "dead letter %s-%d@%d (%s): %s",
        source.topic(), source.partition(), source.offset(), refusal.stage(), refusal.reason());
    return LoopRecords.deadLetter(source, refusal.reason(), refusal.stage(), null);
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
