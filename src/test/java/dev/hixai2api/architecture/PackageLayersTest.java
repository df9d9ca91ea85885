package dev.hixai2api.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The main packages form a directed graph: front doors and the web edge (api, admin, openai and the other
 * dialects) → the engine (chat) → conversation, attachment, pool → hix transport → persistence, security,
 * monitoring, config; core is dialect-free and below them all.
 */
@AnalyzeClasses(packages = "dev.hixai2api", importOptions = PackageLayersTest.MainClassesOnly.class)
class PackageLayersTest {

    /** The production classes, whatever the build folder is called (-Dbuild.dir): tests may reach across layers. */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    private static final String[] FRONT_DOORS = {
            "dev.hixai2api.api..", "dev.hixai2api.admin..", "dev.hixai2api.openai..", "dev.hixai2api.anthropic..",
            "dev.hixai2api.responses.."};

    private static final String[] BELOW_THE_DOORS = {
            "dev.hixai2api.chat..", "dev.hixai2api.core..", "dev.hixai2api.tools..", "dev.hixai2api.conversation..",
            "dev.hixai2api.attachment..", "dev.hixai2api.pool..", "dev.hixai2api.hix..",
            "dev.hixai2api.persistence..", "dev.hixai2api.security..", "dev.hixai2api.monitoring..",
            "dev.hixai2api.config.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.hixai2api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule lowerLayersNeverImportAFrontDoor = noClasses().that().resideInAnyPackage(BELOW_THE_DOORS)
            .should().dependOnClassesThat().resideInAnyPackage(FRONT_DOORS);

    @ArchTest
    static final ArchRule theCoreIsDialectAndTransportFree = noClasses().that().resideInAPackage("dev.hixai2api.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.hixai2api.core..", "java..",
                    "com.fasterxml.jackson..", "com.knuddels.jtokkit..");
}
