package com.shopkhaos.infra.ksd;

import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.onpremises.OnPremisesKhaos;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Khaos Control on premises through its SOAP service: the orders of one call sent as one {@code SALES_ORDERS}
 * document, a lookup by ASSOCIATED_REF (cancelled orders included: Khaos has them, so they are never sent again), and
 * the client's failures in the core's words.
 */
public final class KsdOnPremisesKhaos implements OnPremisesKhaos {
    private static final String OPEN = "<SALES_ORDERS>";
    private static final String CLOSE = "</SALES_ORDERS>";
    private final KsdSoapClient client;

    public KsdOnPremisesKhaos(KsdSoapClient client) {
        this.client = client;
    }

    @Override
    public Answer importOrders(List<String> salesOrders) {
        StringBuilder document = new StringBuilder(OPEN);
        for (String one : salesOrders) {
            String trimmed = one.strip();
            if (!trimmed.startsWith(OPEN) || !trimmed.endsWith(CLOSE)) {
                throw new IllegalArgumentException("not a SALES_ORDERS document as KsdSalesOrderFormat writes it");
            }
            document.append(trimmed, OPEN.length(), trimmed.length() - CLOSE.length());
        }
        document.append(CLOSE);
        KsdSoapClient.ImportAnswer answer;
        try {
            answer = client.importOrders(document.toString());
        } catch (KsdSoapClient.UnavailableException e) {
            throw new UnavailableException(e.getMessage());
        } catch (KsdSoapClient.NoAnswerException e) {
            throw new NoAnswerException(e.getMessage());
        } catch (KsdSoapClient.RefusedException e) {
            throw new RefusedException(e.getMessage());
        }
        Map<String, String> imported = new LinkedHashMap<>();
        answer.imported().forEach(i -> imported.putIfAbsent(i.associatedRef(), i.salesOrderCode()));
        Map<String, String> skipped = new LinkedHashMap<>();
        answer.skipped().forEach(s -> skipped.putIfAbsent(s.orderRef(), s.reason()));
        return new Answer(imported, skipped);
    }

    @Override
    public Map<String, String> imported(Collection<String> orderNumbers) {
        Map<String, String> found = new LinkedHashMap<>();
        try {
            client.orderStatuses(orderNumbers).forEach(s -> found.putIfAbsent(s.associatedRef(), s.salesOrderCode()));
        } catch (KsdSoapClient.UnavailableException e) {
            throw new UnavailableException(e.getMessage());
        } catch (KsdSoapClient.NoAnswerException | KsdSoapClient.RefusedException e) {
            throw new NoAnswerException(e.getMessage());
        }
        return found;
    }

    @Override
    public List<StockLevel> stockChangedSince(Optional<Instant> since, int site, Instant at) {
        try {
            return client.stockChangedSince(since, site).stream()
                    .map(l -> new StockLevel(l.stockCode(), l.stockId(), site, BigDecimal.valueOf(l.level()), at)).toList();
        } catch (KsdSoapClient.UnavailableException e) {
            throw new UnavailableException(e.getMessage());
        } catch (KsdSoapClient.NoAnswerException | KsdSoapClient.RefusedException e) {
            throw new NoAnswerException(e.getMessage());
        }
    }
}
