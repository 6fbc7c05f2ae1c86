package io.protstream.embed.messaging;

import io.protstream.embed.domain.EmbeddingWork;
import io.protstream.embed.domain.Refusal;
import io.protstream.embed.domain.SequenceEmbedding;
import io.protstream.embed.encoder.LoadedModel;
import io.protstream.events.ResidueEmbeddingEvent;
import io.protstream.events.SequenceEvent;
import io.protstream.schemas.CloudEventHeaders;
import io.protstream.schemas.Topics;
import io.protstream.schemas.serde.EventDecodingException;
import io.protstream.schemas.serde.ProteinEmbeddingEventSerializer;
import io.protstream.schemas.serde.ResidueEmbeddingEventSerializer;
import io.protstream.schemas.serde.SequenceEventDeserializer;
import io.protstream.support.kafka.BatchProcessor;
import io.protstream.support.kafka.BatchResult;
import io.protstream.support.kafka.LoopRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * One consumed batch of sequence events to the records published for it: a per-protein event and
 * the residue-matrix parts per distinct embedded sequence (keyed by digest), and a dead letter per
 * record that cannot be decoded or embedded.
 */
final class SequenceBatchProcessor implements BatchProcessor {

  static final String STAGE_DECODE = "embed.decode";
  static final String STAGE_VALIDATE = "embed.validate";
  static final String STAGE_MODEL = "embed.model";

  static final String CLOUD_EVENT_SOURCE = "/protstream/embed-service";

  private static final Logger LOG = Logger.getLogger(SequenceBatchProcessor.class);

  /** The records of one distinct sequence in the batch. */
  private static final class Group {
    final String sequence;
    final Set<String> accessions = new LinkedHashSet<>();
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    Group(String sequence) {
      this.sequence = sequence;
    }
  }

  private final SequenceEventDeserializer sequences = new SequenceEventDeserializer();
  private final ProteinEmbeddingEventSerializer proteins = new ProteinEmbeddingEventSerializer();
  private final ResidueEmbeddingEventSerializer residues = new ResidueEmbeddingEventSerializer();
  private final LoadedModel model;
  private final SequenceEmbedding embedding;
  private final EmbedMetrics metrics;
  private final int maxPartBytes;

  SequenceBatchProcessor(
      LoadedModel model, SequenceEmbedding embedding, EmbedMetrics metrics, int maxPartBytes) {
    this.model = model;
    this.embedding = embedding;
    this.metrics = metrics;
    this.maxPartBytes = maxPartBytes;
  }

  @Override
  public BatchResult process(List<ConsumerRecord<byte[], byte[]>> batch) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      if (record.value() == null) {
        continue; // a tombstone carries no sequence
      }
      SequenceEvent event;
      try {
        event = sequences.deserialize(record.topic(), record.value());
      } catch (EventDecodingException e) {
        out.add(deadLetter(record, e.reason().name(), STAGE_DECODE, e));
        continue;
      }
      EmbeddingWork.Decision decision =
          EmbeddingWork.decide(
              event.getChangeKind(), event.getEmbeddingExists(), event.getSequence());
      metrics.decision(decision);
      if (decision != EmbeddingWork.Decision.EMBED) {
        continue;
      }
      String digest = event.getSequenceDigest();
      if (digest == null || digest.isBlank()) {
        out.add(
            deadLetter(
                record,
                Refusal.Reason.MISSING_DIGEST.name(),
                STAGE_VALIDATE,
                new IllegalArgumentException("no sequence digest on " + event.getAccession())));
        continue;
      }
      Group group = groups.computeIfAbsent(digest, d -> new Group(event.getSequence()));
      group.accessions.add(event.getAccession());
      group.records.add(record);
    }

    Map<String, String> toEmbed = new LinkedHashMap<>();
    groups.forEach((digest, group) -> toEmbed.put(digest, group.sequence));
    Map<String, SequenceEmbedding.Outcome> outcomes = embedding.embed(toEmbed);

    Instant createdAt = Instant.now();
    groups.forEach(
        (digest, group) -> {
          SequenceEmbedding.Outcome outcome = outcomes.get(digest);
          if (!outcome.embedded()) {
            Refusal refusal = outcome.refusal();
            String stage =
                refusal.reason() == Refusal.Reason.MODEL_FAILURE ? STAGE_MODEL : STAGE_VALIDATE;
            Throwable error =
                refusal.error() != null
                    ? refusal.error()
                    : new IllegalArgumentException(refusal.message());
            group.records.forEach(
                r -> out.add(deadLetter(r, refusal.reason().name(), stage, error)));
            return;
          }
          List<String> accessions = List.copyOf(group.accessions);
          String factId = digest + "/" + model.modelId();
          ProducerRecord<byte[], byte[]> protein =
              LoopRecords.output(
                  Topics.PROTEIN_EMBEDDINGS,
                  digest,
                  proteins.serialize(
                      Topics.PROTEIN_EMBEDDINGS,
                      EmbeddingEvents.protein(
                          digest, accessions, outcome.embedding(), model, createdAt)));
          CloudEventHeaders.addTo(
              protein.headers(),
              CloudEventHeaders.PROTEIN_EMBEDDING_TYPE,
              CLOUD_EVENT_SOURCE,
              digest,
              factId,
              createdAt);
          out.add(protein);
          for (ResidueEmbeddingEvent part :
              EmbeddingEvents.residueParts(
                  digest, accessions, outcome.embedding(), model, createdAt, maxPartBytes)) {
            ProducerRecord<byte[], byte[]> record =
                LoopRecords.output(
                    Topics.RESIDUE_EMBEDDINGS,
                    digest,
                    residues.serialize(Topics.RESIDUE_EMBEDDINGS, part));
            CloudEventHeaders.addTo(
                record.headers(),
                CloudEventHeaders.RESIDUE_EMBEDDING_TYPE,
                CLOUD_EVENT_SOURCE,
                digest,
                factId + "/part-" + part.getPart(),
                createdAt);
            out.add(record);
          }
        });
    return BatchResult.of(out);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      ConsumerRecord<byte[], byte[]> record, String reason, String stage, Throwable error) {
    metrics.deadLetter(reason);
    LOG.warnf(
        "dead-lettering %s-%d@%d: %s (%s)",
        record.topic(), record.partition(), record.offset(), reason, error.getMessage());
    return LoopRecords.deadLetter(record, reason, stage, error);
  }
}
