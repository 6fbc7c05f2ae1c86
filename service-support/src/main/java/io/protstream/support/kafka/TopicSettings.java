package io.protstream.support.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which topics a service creates at start-up, and how. */
@ConfigMapping(prefix = "protstream.kafka")
public interface TopicSettings {

  /** Create missing topics with their documented settings at start-up (local runs and tests). */
  @WithDefault("true")
  boolean createTopics();

  /** The event topics this service reads or writes; their dead-letter topics are created too. */
  List<String> topics();

  /** Partitions for topics created here; 0 = each topic's documented default. */
  @WithDefault("0")
  int partitions();

  @WithDefault("1")
  short replicationFactor();
}
