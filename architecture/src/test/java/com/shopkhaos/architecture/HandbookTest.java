package com.shopkhaos.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.audit.FindingKind;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.reconciliation.ReconciliationReason;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every exception a person can see, and every reason of the revenue reconciliation, has a handbook section telling
 * them what it means and what to do.
 */
class HandbookTest {

    @Test
    void everyExceptionSectionOfTheHandbook_isAnExceptionTypeInCode() throws IOException {
        String handbook = Files.readString(ModuleDependenciesTest.root().resolve("docs/handbook.md"));
        Set<String> anchors = new HashSet<>();
        for (ExceptionType type : ExceptionType.values()) {
            anchors.add(type.handbookAnchor());
        }
        for (ReconciliationReason reason : ReconciliationReason.values()) {
            anchors.add(reason.handbookAnchor());
        }
        for (FindingKind kind : FindingKind.values()) {
            anchors.add(kind.handbookAnchor());
        }
        List<String> orphans = handbook.lines().filter(l -> l.matches("## [a-z0-9]+(-[a-z0-9]+)+"))
                .map(l -> l.substring(3)).filter(a -> !anchors.contains(a)).toList();
        assertThat(orphans).as("handbook sections for exception types, reasons or audit findings the code no longer has").isEmpty();
    }

    @Test
    void everyExceptionSection_saysWhatHappened_whyItMatters_whatToDo_andWhenToCallForHelp() throws IOException {
        String handbook = Files.readString(ModuleDependenciesTest.root().resolve("docs/handbook.md"));
        for (ExceptionType type : ExceptionType.values()) {
            int start = handbook.indexOf("\n## " + type.handbookAnchor() + "\n");
            int end = handbook.indexOf("\n## ", start + 4);
            String section = handbook.substring(start, end < 0 ? handbook.length() : end);
            assertThat(section).as("handbook section " + type.handbookAnchor())
                    .contains("**Why it matters:**").contains("What to do").contains("**Call for help when:**");
        }
    }

    @Test
    void everyReconciliationReason_hasAHandbookSection_sayingWhoActsAndWhatToDo() throws IOException {
        String handbook = Files.readString(ModuleDependenciesTest.root().resolve("docs/handbook.md"));
        for (ReconciliationReason reason : ReconciliationReason.values()) {
            assertThat(section(handbook, reason.handbookAnchor())).contains("**Who acts:**").contains("What to do");
        }
    }

    @Test
    void everyExceptionType_hasAHandbookSection() throws IOException {
        String handbook = Files.readString(ModuleDependenciesTest.root().resolve("docs/handbook.md"));
        for (ExceptionType type : ExceptionType.values()) {
            assertThat(handbook).as("docs/handbook.md section for " + type).contains("\n## " + type.handbookAnchor() + "\n");
        }
    }

    @Test
    void everyAuditFindingKind_hasAHandbookSection_sayingWhoActsAndWhatToDo() throws IOException {
        String handbook = Files.readString(ModuleDependenciesTest.root().resolve("docs/handbook.md"));
        assertThat(handbook).contains("\n# Before go-live and every week: the audit\n");
        for (FindingKind kind : FindingKind.values()) {
            assertThat(section(handbook, kind.handbookAnchor())).contains("**Who acts:**").contains("What to do");
        }
    }

    @Test
    void refundsAndReturns_tellCustomerServiceAndFinanceWhatBecomesOfARefund_andWhatToCheck() throws IOException {
        String handbook = Files.readString(ModuleDependenciesTest.root().resolve("docs/handbook.md"));
        assertThat(section(handbook, "Refunds and returns")).contains("**For customer service and finance.**")
                .contains("A full refund, a chargeback, or a cancellation in the shop after despatch")
                .contains("A partial refund").contains("Before anything was despatched").contains("The customer's account in Khaos")
                .contains("The reason").contains("Taken is not the same as imported").contains("return-not-sent");
    }

    /** The handbook's section {@code ## anchor}, up to the next one; fails when there is none. */
    private static String section(String handbook, String anchor) {
        int start = handbook.indexOf("\n## " + anchor + "\n");
        assertThat(start).as("docs/handbook.md section " + anchor).isNotNegative();
        int end = handbook.indexOf("\n## ", start + 4);
        return handbook.substring(start, end < 0 ? handbook.length() : end);
    }
}
