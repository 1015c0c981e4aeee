package com.shopkhaos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** The layering rules, parameterised by package so their own tests can show each one failing. */
final class Layering {
    private Layering() {
    }

    /** shared-model is pure Java: no Quarkus, no CDI, no configuration library, no AWS SDK, no HTTP framework. */
    static ArchRule modelIsPure(String modelPackage) {
        return noClasses().that().resideInAPackage(modelPackage)
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..", "jakarta.inject..",
                        "javax.inject..", "software.amazon..", "com.amazonaws..", "io.vertx..", "jakarta.ws.rs..",
                        "org.eclipse.microprofile..", "io.smallrye..")
                .because("shared-model holds the domain, rules and flow services, unit-testable without any framework");
    }

    /** One flow per function: no function module uses another's classes. */
    static ArchRule functionsAreIndependent(String functionsPattern) {
        return slices().matching(functionsPattern).should().notDependOnEachOther()
                .because("each function is its own Lambda; shared logic belongs in shared-model or infra");
    }

    /** Dependencies point inward: shared-model knows nothing of infra, functions or the sandbox; infra nothing of the last two. */
    static ArchRule dependenciesPointInward() {
        return noClasses().that().resideInAPackage("com.shopkhaos.model..")
                .should().dependOnClassesThat().resideInAnyPackage("com.shopkhaos.infra..", "com.shopkhaos.function..",
                        "com.shopkhaos.sandbox..");
    }

    static ArchRule infraKnowsNoDrivers() {
        return noClasses().that().resideInAPackage("com.shopkhaos.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("com.shopkhaos.function..", "com.shopkhaos.sandbox..");
    }

    /** The Shopware mappers are the anti-corruption layer: their classes stay inside infra. */
    static ArchRule shopwareAdapterStaysInInfra() {
        return classes().that().resideInAPackage("com.shopkhaos.infra.shopware..")
                .should().onlyBeAccessed().byAnyPackage("com.shopkhaos.infra..");
    }
}
