package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SettingChoice;

/**
 * The points where shops differ (their version) or where the simulator once took a convenient shortcut: each a
 * setting of {@code PUT /_control/settings}, with {@code default} and {@code hostile} profiles (see the README).
 */
final class ShopBehaviour {

    /** What a variant's inherited fields read as in the Admin API without the {@code sw-inheritance} header. */
    enum VariantInheritance implements SettingChoice {
        /** Filled from the parent, whatever the request sends (the simulator's old, convenient answer). */
        RESOLVED("resolved"),
        /** As Shopware: null where the variant inherits, unless the request sends {@code sw-inheritance}. */
        RAW("raw");

        private final String setting;

        VariantInheritance(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /** Which Shopware the shop runs. */
    enum ShopwareVersion implements SettingChoice {
        V6_6("6.6", "6.6.10.0"),
        V6_7("6.7", "6.7.1.0");

        private final String setting;
        private final String full;

        ShopwareVersion(String setting, String full) {
            this.setting = setting;
            this.full = full;
        }

        @Override
        public String setting() {
            return setting;
        }

        /** As {@code sw-version} and {@code /api/_info/version} spell it. */
        String full() {
            return full;
        }

        /**
         * Before 6.7 {@code StateMachineRegistry} lets {@code cancel} through from any state; from 6.7 (feature
         * {@code v6.7.0.0}) only where the state machine has a {@code cancel} transition from the current state.
         */
        boolean cancelFromAnyState() {
            return this == V6_6;
        }

        /** From 6.7 a shipping or payment method's {@code technicalName} is required; a missing one became {@code temporary_<id>}. */
        boolean technicalNameRequired() {
            return this == V6_7;
        }
    }

    /**
     * How the cart adds up tax (Settings › Tax, Shopware 6.5+): {@code horizontal} rounds each position's tax and adds
     * them up; {@code vertical} adds up the positions' prices per rate and rounds the tax once. For a net (B2B) customer
     * the order's total moves with it. Shopware's {@code OrderConverter::convertToOrder} takes the type from the
     * current context, so an order recalculated after an admin's edit is added up the way the shop is set now
     * (changelog "E-invoice vertical tax calculation", shopware/shopware).
     */
    enum TaxCalculation implements SettingChoice {
        HORIZONTAL("horizontal"), VERTICAL("vertical");

        private final String setting;

        TaxCalculation(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    private volatile TaxCalculation taxCalculation = TaxCalculation.HORIZONTAL;

    /**
     * Whether the shop has Shopware Commercial's returns management: its {@code order_return} entity (with
     * {@code order_return_line_item} naming the order line, quantity and a reason) is in the Admin API schema that
     * {@code @shopware/api-client} 6.7 ships; a shop without Commercial has no such entity, and its API answers
     * {@code FRAMEWORK__DEFINITION_NOT_FOUND} (vienthuong/shopware-php-sdk issue 79: "The OrderReturnLineItemEntity is
     * part of the Shopware Commercial package").
     */
    enum OrderReturns implements SettingChoice {
        ABSENT("absent"), COMMERCIAL("commercial");

        private final String setting;

        OrderReturns(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    private volatile OrderReturns orderReturns = OrderReturns.ABSENT;

    OrderReturns orderReturns() {
        return orderReturns;
    }

    void orderReturns(OrderReturns value) {
        this.orderReturns = value;
    }

    TaxCalculation taxCalculation() {
        return taxCalculation;
    }

    void taxCalculation(TaxCalculation value) {
        this.taxCalculation = value;
    }

    private volatile VariantInheritance variantInheritance = VariantInheritance.RESOLVED;
    private volatile ShopwareVersion version = ShopwareVersion.V6_6;

    VariantInheritance variantInheritance() {
        return variantInheritance;
    }

    void variantInheritance(VariantInheritance value) {
        this.variantInheritance = value;
    }

    ShopwareVersion version() {
        return version;
    }

    void version(ShopwareVersion value) {
        this.version = value;
    }
}
