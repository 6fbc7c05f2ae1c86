package io.protstream.testinfra.junit;

import io.protstream.testinfra.CassandraEndpoint;
import io.protstream.testinfra.KafkaEndpoint;
import io.protstream.testinfra.SharedInfrastructure;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaEndpoint} and {@link CassandraEndpoint} parameters to the JVM's shared real
 * servers.
 */
public final class RealInfrastructureExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaEndpoint.class || type == CassandraEndpoint.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaEndpoint.class
        ? SharedInfrastructure.kafka()
        : SharedInfrastructure.cassandra();
  }
}
