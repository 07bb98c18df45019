package io.switchboard.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The server's layers, top to bottom (README, "Architecture"): the node's wiring; transport (the
 * only code that sees Netty); the REST api and the WebSocket session; the domain owners
 * (conversation, auth, audit, sla, ticket, attachment); routing and presence, which choose and never deliver; delivery; storage
 * by concept; and the foundation (access, bus, redis, db, config, util, embedded). A dependency
 * may only point down, and no two packages may depend on each other.
 *
 * <p>The rules are checked from plain tests, so the build runs them like every other test.
 */
class ArchitectureTest {
  private static final JavaClasses SERVER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.switchboard.server");

  private static final String NODE = "Node";
  private static final String TRANSPORT = "Transport";
  private static final String EDGE = "Api and session";
  private static final String DOMAIN = "Domain";
  private static final String CHOOSING = "Routing and presence";
  private static final String DELIVERY = "Delivery";
  private static final String STORAGE = "Storage";
  private static final String FOUNDATION = "Foundation";

  static final ArchRule DEPENDENCIES_POINT_DOWN = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer(NODE).definedBy("io.switchboard.server")
      .layer(TRANSPORT).definedBy("io.switchboard.server.transport..")
      .layer(EDGE).definedBy("io.switchboard.server.api..", "io.switchboard.server.session..")
      .layer(DOMAIN).definedBy("io.switchboard.server.conversation..",
          "io.switchboard.server.auth..", "io.switchboard.server.audit..",
          "io.switchboard.server.sla..", "io.switchboard.server.ticket..",
          "io.switchboard.server.mail..", "io.switchboard.server.attachment..",
          "io.switchboard.server.contact..", "io.switchboard.server.search..",
          "io.switchboard.server.campaign..", "io.switchboard.server.exchange..",
          "io.switchboard.server.report..", "io.switchboard.server.agentstatus..",
          "io.switchboard.server.availability..", "io.switchboard.server.compliance..",
          "io.switchboard.server.csat..",
          "io.switchboard.server.backup..", "io.switchboard.server.webhook..",
          "io.switchboard.server.apikey..", "io.switchboard.server.lifecycle..")
      .layer(CHOOSING).definedBy("io.switchboard.server.routing..",
          "io.switchboard.server.presence..")
      .layer(DELIVERY).definedBy("io.switchboard.server.delivery..")
      .layer(STORAGE).definedBy("io.switchboard.server.store..")
      .layer(FOUNDATION).definedBy("io.switchboard.server.access..", "io.switchboard.server.bus..",
          "io.switchboard.server.redis..", "io.switchboard.server.db..",
          "io.switchboard.server.config..", "io.switchboard.server.util..",
          "io.switchboard.server.embedded..", "io.switchboard.server.ratelimit..",
          "io.switchboard.server.metrics..", "io.switchboard.server.health..",
          "io.switchboard.server.logging..")
      .whereLayer(NODE).mayNotBeAccessedByAnyLayer()
      .whereLayer(TRANSPORT).mayOnlyBeAccessedByLayers(NODE)
      .whereLayer(EDGE).mayOnlyBeAccessedByLayers(NODE, TRANSPORT)
      .whereLayer(DOMAIN).mayOnlyBeAccessedByLayers(NODE, TRANSPORT, EDGE)
      .whereLayer(CHOOSING).mayOnlyBeAccessedByLayers(NODE, TRANSPORT, EDGE, DOMAIN)
      .whereLayer(DELIVERY).mayOnlyBeAccessedByLayers(NODE, TRANSPORT, EDGE, DOMAIN)
      .whereLayer(STORAGE).mayOnlyBeAccessedByLayers(NODE, TRANSPORT, EDGE, DOMAIN, CHOOSING,
          DELIVERY)
      .whereLayer(FOUNDATION).mayOnlyBeAccessedByLayers(NODE, TRANSPORT, EDGE, DOMAIN, CHOOSING,
          DELIVERY, STORAGE, FOUNDATION);

  static final ArchRule PACKAGES_FORM_NO_CYCLES = slices()
      .matching("io.switchboard.server.(*)..").should().beFreeOfCycles();

  static final ArchRule STORAGE_CONCEPTS_FORM_NO_CYCLES = slices()
      .matching("io.switchboard.server.store.(*)..").should().beFreeOfCycles();

  static final ArchRule ONLY_THE_TRANSPORT_SEES_NETTY = noClasses()
      .that().resideOutsideOfPackage("io.switchboard.server.transport..")
      .should().dependOnClassesThat().resideInAPackage("io.netty..");

  @Test
  void dependenciesPointDown() {
    DEPENDENCIES_POINT_DOWN.check(SERVER);
  }

  @Test
  void packagesFormNoCycles() {
    PACKAGES_FORM_NO_CYCLES.check(SERVER);
  }

  @Test
  void storageConceptsFormNoCycles() {
    STORAGE_CONCEPTS_FORM_NO_CYCLES.check(SERVER);
  }

  @Test
  void onlyTheTransportSeesNetty() {
    ONLY_THE_TRANSPORT_SEES_NETTY.check(SERVER);
  }
}
