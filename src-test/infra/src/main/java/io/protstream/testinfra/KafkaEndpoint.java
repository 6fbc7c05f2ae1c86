package io.protstream.testinfra;

/** Where a running Kafka broker listens. */
public record KafkaEndpoint(String bootstrapServers) {}
