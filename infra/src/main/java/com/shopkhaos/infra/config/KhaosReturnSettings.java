package com.shopkhaos.infra.config;

import com.shopkhaos.infra.khaos.KccCustomerReturnWriter.SourceReference;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Customer returns into Khaos ({@code KHAOS_RETURN_REASON}, {@code KHAOS_RETURN_PROCESS},
 * {@code KHAOS_RETURN_SOURCE_REFERENCE}, {@code KHAOS_RETURN_PAGE_SIZE}) and how orders name the customer's account
 * ({@code KHAOS_CUSTOMER_URN}), which decides whether a return can find it.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface KhaosReturnSettings {
    Setting REASON = Setting.of("KHAOS_RETURN_REASON", "shopkhaos.khaos-return-reason");
    Setting SOURCE_REFERENCE = Setting.of("KHAOS_RETURN_SOURCE_REFERENCE", "shopkhaos.khaos-return-source-reference");
    Setting CUSTOMER_URN = Setting.of("KHAOS_CUSTOMER_URN", "shopkhaos.khaos-customer-urn");

    /** Khaos's {@code ReturnReason} (its ID, or its name) for returns the shop gives no reason for */
    @WithDefault("1")
    String khaosReturnReason();

    /** whether Khaos processes a return as soon as it imports it ({@code ProcessReturn}): the goods back in stock at once */
    @WithDefault("true")
    boolean khaosReturnProcess();

    /** {@code wrapped} (the spec's table) or {@code bare} (its maintained PHP sample): how an item names its sales order */
    @WithDefault("wrapped")
    @WithConverter(SourceReferences.class)
    SourceReference khaosReturnSourceReference();

    /** most returns in one CReturnDownload answer */
    @WithDefault("100")
    int khaosReturnPageSize();

    /**
     * {@code khaos-assigns}: orders carry no URN, Khaos matches or makes the account by email, and a return's account
     * is entered by a person; {@code shop-customer-number}: each order names the account by the shop's customer number
     * (matched on {@code CompanyCode} alone), so every return finds it.
     */
    @WithDefault("khaos-assigns")
    @WithConverter(CustomerUrns.class)
    CustomerUrn khaosCustomerUrn();

    /** How the customer's account in Khaos is named. */
    enum CustomerUrn {
        KHAOS_ASSIGNS, SHOP_CUSTOMER_NUMBER
    }

    @RegisterForReflection
    final class SourceReferences implements Converter<SourceReference> {
        @Override
        public SourceReference convert(String value) {
            return SOURCE_REFERENCE.convert(value, text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "wrapped" -> SourceReference.WRAPPED;
                case "bare" -> SourceReference.BARE;
                default -> throw new IllegalArgumentException(SOURCE_REFERENCE + " must be \"wrapped\" or \"bare\", was \"" + text + "\"");
            });
        }
    }

    @RegisterForReflection
    final class CustomerUrns implements Converter<CustomerUrn> {
        @Override
        public CustomerUrn convert(String value) {
            return CUSTOMER_URN.convert(value, text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "khaos-assigns" -> CustomerUrn.KHAOS_ASSIGNS;
                case "shop-customer-number" -> CustomerUrn.SHOP_CUSTOMER_NUMBER;
                default -> throw new IllegalArgumentException(CUSTOMER_URN + " must be \"khaos-assigns\" or \"shop-customer-number\", was \""
                        + text + "\"");
            });
        }
    }
}
