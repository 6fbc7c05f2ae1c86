package io.protstream.ingest;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.protstream.testinfra.arch.DomainRules;

@AnalyzeClasses(packages = "io.protstream.ingest")
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsFrameworkFree = DomainRules.DOMAIN_IS_FRAMEWORK_FREE;
}
