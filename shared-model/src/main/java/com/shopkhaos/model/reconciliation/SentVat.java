package com.shopkhaos.model.reconciliation;

import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.order.ShopLine;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.TaxPortion;
import com.shopkhaos.model.order.TaxStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The VAT Khaos books for what it was sent, per rate. The sales order carries gross prices (KCC's {@code CalcMethod} 2)
 * and Khaos takes each line's VAT at its item's tax code, which order-sync only sends where it is the shop's rate for
 * the line ({@code VAT_MISMATCH} holds the order otherwise): so each line sent is split over its shop line's rates (by
 * the shop's line id, else its SKU), at the gross sent, its VAT {@code gross × rate / (100 + rate)} to the penny. The
 * delivery sent is split as the shop's delivery splits over its rates (order-sync sends the VAT of those portions as
 * {@code DeliveryTaxAmount}), each share's VAT worked out at its rate and the pennies of the amount sent left to the
 * largest share. A line whose rate nothing names is left out, so the sent VAT falls short of the shop's and the difference
 * shows. A tax-free order (an export) is booked whole at no VAT.
 */
final class SentVat {
    private SentVat() {
    }

    static List<TaxPortion> of(SalesOrderValues sent, ShopOrder shop) {
        if (shop.taxStatus() == TaxStatus.TAX_FREE) {
            return List.of(new TaxPortion(BigDecimal.ZERO, BigDecimal.ZERO, sent.grossTotal()));
        }
        Map<BigDecimal, BigDecimal[]> byRate = new TreeMap<>((a, b) -> a.compareTo(b));
        for (SalesOrderValues.Line line : sent.lines()) {
            Optional<ShopLine> shopLine = shop.lines().stream().filter(l -> l.lineId().equals(line.lineId())).findFirst()
                    .or(() -> shop.lines().stream().filter(l -> !line.sku().isEmpty() && line.sku().equals(l.sku())).findFirst());
            if (shopLine.isEmpty() || shopLine.get().taxes().isEmpty()) {
                continue;
            }
            BigDecimal gross = line.unitGross().multiply(BigDecimal.valueOf(line.quantity())).subtract(line.discount());
            for (Share share : shares(shopLine.get().taxes(), gross)) {
                add(byRate, share.rate(), share.gross(), OrderTranslator.vatInGross(share.gross(), share.rate()));
            }
        }
        if (sent.deliveryGross().signum() != 0) {
            delivery(byRate, sent, shop.deliveries().stream().flatMap(d -> d.taxes().stream()).toList());
        }
        List<TaxPortion> out = new ArrayList<>();
        byRate.forEach((rate, sums) -> out.add(new TaxPortion(rate, sums[1], sums[0])));
        return out;
    }

    private record Share(BigDecimal rate, BigDecimal gross) {
    }

    /** A line's gross over its rates, as the shop's own portions of it weigh (the last takes the pennies left). */
    private static List<Share> shares(List<TaxPortion> portions, BigDecimal gross) {
        if (portions.size() == 1) {
            return List.of(new Share(portions.get(0).rate(), gross));
        }
        BigDecimal weight = portions.stream().map(TaxPortion::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Share> out = new ArrayList<>();
        BigDecimal left = gross;
        for (int i = 0; i < portions.size(); i++) {
            BigDecimal part = i == portions.size() - 1 || weight.signum() == 0 ? left
                    : gross.multiply(portions.get(i).price()).divide(weight, 2, RoundingMode.HALF_UP);
            out.add(new Share(portions.get(i).rate(), part));
            left = left.subtract(part);
            if (weight.signum() == 0) {
                break;
            }
        }
        return out;
    }

    private static void add(Map<BigDecimal, BigDecimal[]> byRate, BigDecimal rate, BigDecimal gross, BigDecimal vat) {
        BigDecimal[] sums = byRate.computeIfAbsent(rate, r -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sums[0] = sums[0].add(gross);
        sums[1] = sums[1].add(vat);
    }

    /**
     * The delivery sent, split as the shop's delivery portions weigh; each share's VAT at its rate, the largest share taking
     * what is left of the VAT sent. A delivery the shop gives no rate for is booked at no VAT, with any VAT sent.
     */
    private static void delivery(Map<BigDecimal, BigDecimal[]> byRate, SalesOrderValues sent, List<TaxPortion> portions) {
        if (portions.isEmpty()) {
            add(byRate, BigDecimal.ZERO, sent.deliveryGross(), sent.deliveryTax());
            return;
        }
        List<Share> shares = shares(portions, sent.deliveryGross());
        Share largest = shares.stream().max((a, b) -> a.gross().abs().compareTo(b.gross().abs())).orElseThrow();
        BigDecimal vatLeft = sent.deliveryTax();
        for (Share share : shares) {
            if (share != largest) {
                BigDecimal vat = OrderTranslator.vatInGross(share.gross(), share.rate());
                add(byRate, share.rate(), share.gross(), vat);
                vatLeft = vatLeft.subtract(vat);
            }
        }
        add(byRate, largest.rate(), largest.gross(), vatLeft);
    }
}
