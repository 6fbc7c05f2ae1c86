package io.protstream.testinfra.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test real servers: declare a {@link io.protstream.testinfra.KafkaEndpoint} or {@link
 * io.protstream.testinfra.CassandraEndpoint} parameter (constructor, lifecycle or test method) and
 * the server starts on first use, once per JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {}
