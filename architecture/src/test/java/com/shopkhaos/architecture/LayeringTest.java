package com.shopkhaos.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayeringTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.shopkhaos");
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("com.shopkhaos.archfixture");

    @Test
    void sharedModel_importsNoFrameworkOrAwsSdk() {
        Layering.modelIsPure("com.shopkhaos.model..").check(PRODUCT);
    }

    @Test
    void sharedModel_speaksNoHttp() {
        Layering.modelSpeaksNoHttp("com.shopkhaos.model..").check(PRODUCT);
    }

    @Test
    void httpRule_fails_whenAModelClassAnswersWithAStatusCodeOrReadsAHeader() {
        assertThatThrownBy(() -> Layering.modelSpeaksNoHttp("com.shopkhaos.archfixture.model..").check(FIXTURES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("HttpSpeakingModel.status()")
                .hasMessageContaining("HttpSpeakingModel.signatureHeader").hasMessageContaining("HttpSpeakingModel.writeJson(");
    }

    @Test
    void functions_doNotDependOnEachOther() {
        Layering.functionsAreIndependent("com.shopkhaos.function.(*)..").check(PRODUCT);
    }

    @Test
    void dependencies_pointInward() {
        Layering.dependenciesPointInward().check(PRODUCT);
        Layering.infraKnowsNoDrivers().check(PRODUCT);
    }

    @Test
    void shopwareMappers_stayInInfra() {
        Layering.shopwareAdapterStaysInInfra().check(PRODUCT);
    }

    @Test
    void modelRule_fails_whenAModelClassImportsCdi() {
        assertThatThrownBy(() -> Layering.modelIsPure("com.shopkhaos.archfixture.model..").check(FIXTURES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("jakarta.inject.Inject");
    }

    @Test
    void functionsRule_fails_whenOneFunctionUsesAnother() {
        assertThatThrownBy(() -> Layering.functionsAreIndependent("com.shopkhaos.archfixture.function.(*)..").check(FIXTURES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("alpha").hasMessageContaining("beta");
    }
}
