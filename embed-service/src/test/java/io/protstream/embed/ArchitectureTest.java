package io.protstream.embed;

import io.protstream.testinfra.arch.DomainRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void domainIsFrameworkFree() {
    DomainRules.check("io.protstream.embed");
  }
}
