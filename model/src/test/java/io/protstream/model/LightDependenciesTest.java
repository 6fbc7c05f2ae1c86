package io.protstream.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library shares plain-Java classes with the event schemas module but none of its messaging
 * stack: a model user (and the command-line tool) does not carry Avro or a Kafka client.
 */
class LightDependenciesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"org.apache.avro.Schema", "org.apache.kafka.clients.producer.KafkaProducer"})
  void messagingLibrariesAreNotOnTheClassPath(String className) {
    assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
  }
}
