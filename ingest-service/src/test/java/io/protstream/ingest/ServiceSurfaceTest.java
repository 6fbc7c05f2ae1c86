package io.protstream.ingest;

import io.protstream.testinfra.contract.ServiceSurfaceContract;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health (with Kafka and Cassandra checks), metrics and OpenAPI, against the real broker and
 * database.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {

  ServiceSurfaceTest() {
    super("io.protstream.ingest", "cassandra", "Kafka connection health check");
  }
}
