package com.shopkhaos.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The string literals of Java sources, and which of them are a vendor's vocabulary or HTTP: what ArchUnit cannot see
 * (it reads bytecode, where a literal is only a constant).
 */
final class CoreLiterals {
    /**
     * Shopware's state machine names (order, delivery and transaction states: OrderStates, OrderDeliveryStates,
     * OrderTransactionStates) and transition actions (StateMachineTransitionActions), compared exactly: Shopware's
     * technical names are lower case.
     */
    static final Set<String> SHOPWARE_WORDS = Set.of("open", "in_progress", "completed", "cancelled", "shipped",
            "shipped_partially", "returned", "returned_partially", "paid", "paid_partially", "authorized", "refunded",
            "refunded_partially", "failed", "reminded", "unconfirmed", "chargeback", "process", "complete", "cancel",
            "reopen", "ship", "ship_partially", "retour", "retour_partially", "pay", "pay_partially", "authorize", "refund",
            "refund_partially", "remind", "fail", "do_pay", "mark_as_paid", "checkout.order.placed", "app.deleted");
    /** Shopware's event and state machine names in longer literals. */
    static final Pattern SHOPWARE_NAMES = Pattern.compile("state_enter\\.|state_leave\\.|order_transaction\\.state|"
            + "order_delivery\\.state|order\\.state\\.");
    /**
     * Khaos Control Cloud's OrderStatus and ShipmentStatus names (kcc-web-services OrderStatusUpload), compared without
     * regard to case (Khaos writes them capitalised; code lower-cases them to compare).
     */
    static final Set<String> KHAOS_WORDS = Set.of("received", "shipping", "partialship", "complete", "cancelled", "released",
            "staging", "payment", "picking", "packing", "invoicing", "processing", "issue", "awaitingdate", "awaitingstock",
            "manualhold", "termshold", "archived");
    /** HTTP's words: header names, media types, hand-written JSON, and our routes. */
    static final Pattern HTTP = Pattern.compile("(?i)^(authorization|www-authenticate|content-type|cookie|set-cookie|"
            + "x-ops-user|x-requested-with|shopware-shop-signature|shopware-app-signature|sirion-continuation|specificids|"
            + "application/json|text/html|bearer|basic)$|^\\s*\\{\\s*\\\\?\"|^/(khaos|ops|shopware|webhooks|api)(/|$)");

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private CoreLiterals() {
    }

    record Finding(Path file, int line, String literal, String why) {
        @Override
        public String toString() {
            return file + ":" + line + " \"" + literal + "\" (" + why + ")";
        }
    }

    static List<Finding> vendorOrHttpWords(Path sources) {
        List<Finding> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = withoutComments(Files.readString(file));
                Matcher m = LITERAL.matcher(code);
                while (m.find()) {
                    String literal = m.group(1);
                    String why = why(literal);
                    if (why != null) {
                        int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                        findings.add(new Finding(sources.relativize(file), line, literal, why));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    static String why(String literal) {
        if (SHOPWARE_WORDS.contains(literal) || SHOPWARE_NAMES.matcher(literal).find()) {
            return "a Shopware state, transition or event name";
        }
        if (KHAOS_WORDS.contains(literal.strip().toLowerCase(Locale.ROOT))) {
            return "a Khaos Control status name";
        }
        if (HTTP.matcher(literal).find()) {
            return "HTTP: a header, media type, route or hand-written JSON";
        }
        return null;
    }

    /** The source with its comments blanked (line breaks kept, so line numbers stay true); literals are left whole. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end + 1;
            } else if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
