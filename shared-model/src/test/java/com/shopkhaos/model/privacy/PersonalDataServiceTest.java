package com.shopkhaos.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the retention sweep and an erasure on request leave of an order and its exceptions. */
class PersonalDataServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryStores stores = new InMemoryStores(ledger);
    private final PersonalDataService service = new PersonalDataService(ledger, stores, new TextRedaction(),
            PersonalDataRetention.ofDays(90, 2557), clock);

    @Test
    void theSweepErasesOrdersUnchangedForLongerThanTheRetention_keepingTheMoneySkeleton() {
        OrderLedgerEntry old = imported("10001", "jane@example.com", NOW.minus(Duration.ofDays(91)));
        OrderLedgerEntry recent = imported("10002", "bob@example.com", NOW.minus(Duration.ofDays(89)));
        stores.exceptions.put("WEBHOOK_UNREADABLE#webhook-old", new Evidence("{\"email\":\"jane@example.com\"", NOW.minus(Duration.ofDays(100))));
        stores.exceptions.put("WEBHOOK_UNREADABLE#webhook-new", new Evidence("{\"email\":\"bob@example.com\"", NOW.minus(Duration.ofDays(2))));

        PersonalDataService.Result first = service.sweep();
        PersonalDataService.Result second = service.sweep();

        assertThat(first.of(PersonalDataKind.ORDER)).isEqualTo(1);
        assertThat(first.of(PersonalDataKind.EXCEPTION)).isEqualTo(1);
        assertThat(second.total()).isZero();
        OrderLedgerEntry erased = ledger.find(old.orderId()).orElseThrow();
        assertThat(erased.khaos().salesOrder()).doesNotContain("Jane", "jane@example.com", "1 Acacia Avenue", "LS1 4AP", "0113 496 0000")
                .contains("GrossTotal=59.99", "VAT=10.00", "AssociatedRef=10001");
        assertThat(erased.khaos().personalDataErasedAt()).isEqualTo(NOW);
        assertThat(erased.khaos().khaosOrderCode()).isEqualTo("SO10001");
        assertThat(erased.state()).isEqualTo(OrderState.IMPORTED);
        assertThat(erased.updatedAt()).isEqualTo(old.updatedAt());
        assertThat(erased.timeline()).last().satisfies(t -> assertThat(t.event()).isEqualTo("personal data erased"));
        assertThat(ledger.find(recent.orderId()).orElseThrow().khaos().salesOrder()).contains("bob@example.com");
        assertThat(stores.exceptions.get("WEBHOOK_UNREADABLE#webhook-old").text).isEqualTo("[erased]");
        assertThat(stores.exceptions.get("WEBHOOK_UNREADABLE#webhook-new").text).contains("bob@example.com");
    }

    @Test
    void anErasureByEmailTakesEveryOrderOfTheCustomer_whateverItsAge_andWhatMentionsThem() {
        OrderLedgerEntry a = imported("10011", "Jane@Example.com", NOW.minus(Duration.ofDays(3)));
        OrderLedgerEntry b = imported("10012", "jane@example.com", NOW.minus(Duration.ofDays(1)));
        OrderLedgerEntry other = imported("10013", "bob@example.com", NOW.minus(Duration.ofDays(1)));
        stores.exceptions.put("KHAOS_UPLOAD_UNREADABLE#x", new Evidence("{\"AssociatedRef\":\"10012\"", NOW));
        stores.uploads.add("{\"Email\":\"JANE@example.com\"}");
        stores.uploads.add("{\"Email\":\"bob@example.com\"}");

        PersonalDataService.Result result = service.erase(ErasureRequest.of(" JANE@example.com ", null));

        assertThat(result.of(PersonalDataKind.ORDER)).isEqualTo(2);
        assertThat(result.of(PersonalDataKind.EXCEPTION)).isEqualTo(1);
        assertThat(result.of(PersonalDataKind.KHAOS_UPLOAD)).isEqualTo(1);
        assertThat(ledger.find(a.orderId()).orElseThrow().khaos().salesOrder()).doesNotContainIgnoringCase("jane");
        assertThat(ledger.find(b.orderId()).orElseThrow().khaos().salesOrder()).doesNotContainIgnoringCase("jane");
        assertThat(ledger.find(other.orderId()).orElseThrow().khaos().holdsPersonalData()).isTrue();
        assertThat(stores.uploads).containsExactly("[erased]", "{\"Email\":\"bob@example.com\"}");
        assertThat(service.erase(ErasureRequest.of("jane@example.com", null)).total()).isZero();
    }

    @Test
    void anErasureByOrderNumberTakesThatOrder_andWhatMentionsItsEmail() {
        OrderLedgerEntry a = imported("10021", "sam@example.com", NOW.minus(Duration.ofDays(3)));
        stores.exceptions.put("WEBHOOK_UNREADABLE#y", new Evidence("{\"email\":\"sam@example.com\"", NOW));

        PersonalDataService.Result result = service.erase(ErasureRequest.of(null, "10021"));

        assertThat(result.of(PersonalDataKind.ORDER)).isEqualTo(1);
        assertThat(result.of(PersonalDataKind.EXCEPTION)).isEqualTo(1);
        assertThat(ledger.find(a.orderId()).orElseThrow().khaos().salesOrder()).doesNotContain("sam@example.com");
    }

    @Test
    void anOrderChangedWhileItIsErased_isErasedAsItIsThen() {
        OrderLedgerEntry a = imported("10031", "kim@example.com", NOW.minus(Duration.ofDays(200)));
        ledger.beforeNextUpdate = () -> ledger.entries.computeIfPresent(a.orderId(), (id, e) -> e.noted("despatched", "parcel 1", NOW));

        assertThat(service.sweep().of(PersonalDataKind.ORDER)).isEqualTo(1);

        OrderLedgerEntry stored = ledger.find(a.orderId()).orElseThrow();
        assertThat(stored.timeline()).extracting(t -> t.event()).contains("despatched", "personal data erased");
        assertThat(stored.khaos().salesOrder()).doesNotContain("kim@example.com");
    }

    @Test
    void aRequestMustNameSomeone_andNeverShowsTheEmailAddress() {
        assertThatThrownBy(() -> ErasureRequest.of(" ", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErasureRequest.of("not-an-address", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ErasureRequest.of("jane@example.com", "10042").toString()).doesNotContain("jane").contains("10042");
        assertThatThrownBy(() -> PersonalDataRetention.ofDays(90, 30)).isInstanceOf(IllegalArgumentException.class);
    }

    private OrderLedgerEntry imported(String number, String email, Instant at) {
        String salesOrder = "Forename=Jane;Surname=Smith;Email=" + email + ";Line1=1 Acacia Avenue;Postcode=LS1 4AP;"
                + "Telephone=0113 496 0000;AssociatedRef=" + number + ";GrossTotal=59.99;VAT=10.00";
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop", "id" + number, number, "e" + number, "checkout.order.placed", at)
                .ready(salesOrder, at, "checked")
                .moveTo(OrderState.DOWNLOADED, KhaosHandover.NONE.withSalesOrder(salesOrder).servedIn("p1").downloaded(at), at, "served")
                .moveTo(OrderState.IMPORTED, KhaosHandover.NONE.withSalesOrder(salesOrder).servedIn("p1").downloaded(at)
                        .reported("SO" + number, "1", "Received", KhaosOrderProgress.RECEIVED), at, "Khaos imported it");
        ledger.entries.put(entry.orderId(), entry);
        return entry;
    }

    /** Replaces the values of the personal keys of a {@code key=value;…} text. */
    static final class TextRedaction implements SalesOrderRedaction {
        private static final Set<String> PERSONAL = Set.of("Forename", "Surname", "Email", "Line1", "Postcode", "Telephone");

        @Override
        public String withoutPersonalData(String salesOrder) {
            List<String> out = new ArrayList<>();
            for (String pair : salesOrder.split(";")) {
                String key = pair.substring(0, pair.indexOf('='));
                out.add(PERSONAL.contains(key) ? key + "=" + ERASED : pair);
            }
            return String.join(";", out);
        }

        @Override
        public Set<String> emails(String salesOrder) {
            Set<String> found = new HashSet<>();
            for (String pair : salesOrder.split(";")) {
                if (pair.startsWith("Email=") && !pair.endsWith(ERASED)) {
                    found.add(pair.substring(6).toLowerCase(Locale.ROOT));
                }
            }
            return found;
        }
    }

    /** The order ledger in memory, with conditional updates as the real one does them. */
    static final class Evidence {
        String text;
        final Instant lastSeen;
        boolean erased;

        Evidence(String text, Instant lastSeen) {
            this.text = text;
            this.lastSeen = lastSeen;
        }
    }

    /** The stores' finding and erasing in memory, over the ledger above. */
    static final class InMemoryStores implements PersonalDataStores {
        private final InMemoryOrderLedger ledger;
        final Map<String, Evidence> exceptions = new HashMap<>();
        final List<String> uploads = new ArrayList<>();

        InMemoryStores(InMemoryOrderLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        public List<String> ordersHoldingPersonalData(Instant before, int limit) {
            return ledger.entries.values().stream().filter(e -> e.khaos().holdsPersonalData() && e.updatedAt().isBefore(before))
                    .map(OrderLedgerEntry::orderId).limit(limit).toList();
        }

        @Override
        public List<String> ordersOfCustomer(String email) {
            return ledger.entries.values().stream().filter(e -> e.khaos().holdsPersonalData()
                    && new TextRedaction().emails(e.khaos().salesOrder()).contains(email)).map(OrderLedgerEntry::orderId).toList();
        }

        @Override
        public List<String> exceptionsHoldingPersonalData(Instant before, int limit) {
            return exceptions.entrySet().stream().filter(e -> !e.getValue().erased && e.getValue().lastSeen.isBefore(before))
                    .map(Map.Entry::getKey).limit(limit).toList();
        }

        @Override
        public List<String> exceptionsMentioning(Set<String> needles) {
            return exceptions.entrySet().stream().filter(e -> !e.getValue().erased && mentions(e.getValue().text, needles))
                    .map(Map.Entry::getKey).toList();
        }

        @Override
        public boolean eraseExceptionEvidence(String exceptionId, Instant at) {
            Evidence e = exceptions.get(exceptionId);
            if (e == null || e.erased) {
                return false;
            }
            e.text = SalesOrderRedaction.ERASED;
            e.erased = true;
            return true;
        }

        @Override
        public int eraseUploadsMentioning(Set<String> needles, Instant at) {
            int n = 0;
            for (int i = 0; i < uploads.size(); i++) {
                if (mentions(uploads.get(i), needles)) {
                    uploads.set(i, SalesOrderRedaction.ERASED);
                    n++;
                }
            }
            return n;
        }

        private static boolean mentions(String text, Set<String> needles) {
            String lower = text.toLowerCase(Locale.ROOT);
            return needles.stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)));
        }
    }
}
