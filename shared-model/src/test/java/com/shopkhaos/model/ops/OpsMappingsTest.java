package com.shopkhaos.model.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.MappingKind;
import com.shopkhaos.model.exceptionledger.MissingMapping;
import com.shopkhaos.model.ops.ExceptionViews.ExceptionSummary;
import org.junit.jupiter.api.Test;

class OpsMappingsTest {
    private final OpsFixture ops = new OpsFixture();

    @Test
    void savingASkuMapping_answersTheProblemsRaisedForWantOfIt_notThoseWhoseWordsOnlyMentionIt() {
        ops.exceptions.raise(ExceptionRecord.open(ExceptionType.UNKNOWN_SKU, ExceptionSubject.order("10042", "SCARF-RED"),
                "Khaos Control has no stock code SCARF-RED for SKU SCARF-RED", "", ops.now)
                .curedBy(MissingMapping.of(MappingKind.SKU, "SCARF-RED")));
        ops.exceptions.raise(ExceptionRecord.open(ExceptionType.VAT_MISMATCH, ExceptionSubject.order("10043", "rate-SCARF-RED"),
                "sku scarf-red is charged 5% VAT", "", ops.now));

        OpsMappings.MappingSaved saved = ops.opsMappings.save("sku", " scarf-red ", "SC-RED-01", "Priya");

        assertThat(saved.kind()).isEqualTo(MappingKind.SKU);
        assertThat(saved.mayCure()).extracting(ExceptionSummary::id).containsExactly("UNKNOWN_SKU#10042:SCARF-RED");
        assertThat(ops.mappings.current().stockCodeFor("scarf-red")).isEqualTo("SC-RED-01");
        assertThat(ops.actions.recorded).extracting(OpsAction::subject).containsExactly("mapping#SKU#scarf-red");
    }

    @Test
    void aCourierMapping_curesADeliveryMethod_byItsTechnicalNameOrItsName() {
        ops.exceptions.raise(ExceptionRecord.open(ExceptionType.UNMAPPED_DELIVERY_METHOD, ExceptionSubject.order("10044", "delivery-legacy"),
                "delivery method \"Courier (legacy setup)\" (legacy) has no Khaos courier", "", ops.now)
                .curedBy(MissingMapping.of(MappingKind.COURIER, "legacy", "Courier (legacy setup)")));

        assertThat(ops.opsMappings.save("COURIER", "Courier (legacy setup)", "DPDND", "Priya").mayCure()).hasSize(1);
        assertThat(ops.opsMappings.save("COURIER", "LEGACY", "DPDND", "Priya").mayCure()).hasSize(1);
        assertThat(ops.opsMappings.save("PROMOTION", "legacy", "DISC-01", "Priya").mayCure()).isEmpty();
    }

    @Test
    void aBufferMapping_isAppliedToTheCodesStockStraightAway() {
        ops.opsMappings.save("BUFFER", "HAT-01", "10%,min2", "Priya");

        assertThat(ops.stockChanges.published).flatExtracting(c -> c.stockCodes()).containsExactly("HAT-01");
    }

    @Test
    void aMappingOfNoKnownKind_orWithoutAKey_isRefusedSayingWhy_andNothingIsSaved() {
        assertThatThrownBy(() -> ops.opsMappings.save("NOPE", "a", "b", "Priya"))
                .isInstanceOf(OpsMappings.BadMappingException.class).hasMessageContaining("SKU, COURIER, BUFFER, SHIPPING_METHOD, PROMOTION or RETURN_REASON");
        assertThatThrownBy(() -> ops.opsMappings.save("SKU", " ", "b", "Priya"))
                .isInstanceOf(OpsMappings.BadMappingException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> ops.opsMappings.save("BUFFER", "HAT-01", "ten", "Priya"))
                .isInstanceOf(OpsMappings.BadMappingException.class);
        assertThat(ops.actions.recorded).isEmpty();
        assertThat(ops.mappings.current().skuToStockCode()).isEmpty();
    }

    @Test
    void anUnmappedDeliveryMethod_isSuggestedTheNearestCourier_fromWhatItsProblemNames() {
        ExceptionRecord problem = ExceptionRecord.open(ExceptionType.UNMAPPED_DELIVERY_METHOD,
                ExceptionSubject.order("10044", "delivery-dpd"), "no courier", "", ops.now)
                .curedBy(MissingMapping.of(MappingKind.COURIER, "dpd"));

        assertThat(ops.opsMappings.suggestionsFor(problem, ops.now)).first().asString()
                .startsWith("map delivery method dpd to Khaos courier ");
    }

    @Test
    void aReturnReason_isMappedForWhyMoneyWentBack_andAnythingElseIsRefusedSayingWhatIsAllowed() {
        OpsMappings.MappingSaved saved = ops.opsMappings.save("return_reason", " Chargeback ", "4", "Priya");

        assertThat(saved.key()).isEqualTo("chargeback");
        assertThat(ops.mappings.current().returnReasons()).containsEntry("chargeback", "4");
        assertThatThrownBy(() -> ops.opsMappings.save("RETURN_REASON", "faulty", "1", "Priya"))
                .isInstanceOf(OpsMappings.BadMappingException.class)
                .hasMessageContaining("full-refund, partial-refund, chargeback, cancelled-in-shop, picked-by-person")
                .hasMessageContaining("reason:<its key>");
        assertThat(ops.opsMappings.save("RETURN_REASON", "Reason: Damaged ", "3", "Priya").key())
                .as("a reason the shop gives, by its key").isEqualTo("reason:damaged");
        assertThat(ops.mappings.current().returnReasons()).containsEntry("reason:damaged", "3");
        assertThatThrownBy(() -> ops.opsMappings.save("RETURN_REASON", "reason: ", "3", "Priya"))
                .isInstanceOf(OpsMappings.BadMappingException.class);
    }
}
