package com.shopkhaos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Pattern;

/** The layering rules, parameterised by package so their own tests can show each one failing. */
final class Layering {
    /** Names that speak HTTP or a wire format rather than the business. */
    private static final Pattern HTTP_WORDS = Pattern.compile(
            "(?i).*(http|header|cookie|bearer|json|endpoint|route|contenttype|mediatype|querystring|urlencod).*");

    /** An {@code int} named like a status is an HTTP status code in all but name. */
    private static final Pattern STATUS = Pattern.compile("(?i).*status.*");

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

    /**
     * shared-model answers in the business's words: no HTTP client, server or JSON library, and no class, field or method
     * named for HTTP (headers, cookies, routes, JSON, status codes as numbers). Status codes, headers, authentication,
     * routes and JSON belong to the adapters in infra.
     */
    static ArchRule modelSpeaksNoHttp(String modelPackage) {
        ArchRule noHttpLibrary = noClasses().that().resideInAPackage(modelPackage)
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "com.sun.net.httpserver..",
                        "jakarta.servlet..", "com.fasterxml.jackson..", "jakarta.json..", "org.json..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .because("HTTP and JSON are the adapters' business");
        ArchRule noHttpNames = classes().that().resideInAPackage(modelPackage)
                .should(new ArchCondition<JavaClass>("name nothing for HTTP") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        if (HTTP_WORDS.matcher(item.getSimpleName()).matches()) {
                            events.add(SimpleConditionEvent.violated(item, item.getName() + " is named for HTTP"));
                        }
                        for (JavaField field : item.getFields()) {
                            if (speaksHttp(field.getName(), field.getRawType())) {
                                events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is named for HTTP"));
                            }
                        }
                        for (JavaMethod method : item.getMethods()) {
                            if (!method.getName().startsWith("lambda$") && speaksHttp(method.getName(), method.getRawReturnType())) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " is named for HTTP"));
                            }
                        }
                    }
                }).because("status codes, headers, authentication, routes and JSON are the adapters' business");
        return CompositeArchRule.of(noHttpLibrary).and(noHttpNames);
    }

    private static boolean speaksHttp(String name, JavaClass type) {
        return HTTP_WORDS.matcher(name).matches()
                || STATUS.matcher(name).matches() && (type.getName().equals("int") || type.getName().equals("java.lang.Integer"));
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
