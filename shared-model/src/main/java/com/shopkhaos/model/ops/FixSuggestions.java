package com.shopkhaos.model.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Likely fixes for a person to consider (never applied by themselves): the Khaos stock codes nearest an unknown SKU,
 * the courier nearest an unmapped delivery method. Names are compared normalised (case, spaces, dashes, dots and
 * underscores, leading zeros of numbers ignored), then by edit distance.
 */
public final class FixSuggestions {
    private FixSuggestions() {
    }

    static String normalise(String text) {
        String upper = text.toUpperCase(Locale.ROOT).replaceAll("[\\s_.\\-/]+", "");
        return upper.replaceAll("(?<![0-9])0+(?=[0-9])", "");
    }

    /** Up to {@code limit} candidates, closest first; only those close enough to be a plausible typo or variant. */
    public static List<String> nearest(String wanted, Collection<String> candidates, int limit) {
        return new Index(candidates).nearest(wanted, limit);
    }

    /**
     * Candidates normalised once, for many questions (the catalogue audit asks for every SKU Khaos lacks, against every
     * stock code): a candidate whose length differs by more than the distance allowed, and that neither contains the
     * wanted text nor is contained in it, cannot be close enough, so only the others are measured. The answers are
     * those of {@link FixSuggestions#nearest(String, Collection, int)}.
     */
    public static final class Index {
        private final List<String> candidates;
        private final List<String> normalised;

        public Index(Collection<String> candidates) {
            this.candidates = List.copyOf(new LinkedHashSet<>(candidates));
            this.normalised = this.candidates.stream().map(FixSuggestions::normalise).toList();
        }

        public List<String> nearest(String wanted, int limit) {
            String w = normalise(wanted);
            if (w.isEmpty()) {
                return List.of();
            }
            record Scored(String candidate, int distance) {
            }
            int allowed = Math.max(2, w.length() / 3);
            List<Scored> scored = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                String n = normalised.get(i);
                int d;
                if (n.equals(w)) {
                    d = 0;
                } else if (n.contains(w) || w.contains(n)) {
                    d = 1 + Math.abs(n.length() - w.length()) / 4;
                } else if (Math.abs(n.length() - w.length()) > allowed) {
                    continue; // the edit distance is at least the difference in length
                } else {
                    d = distance(w, n);
                }
                if (d <= allowed) {
                    scored.add(new Scored(candidates.get(i), d));
                }
            }
            scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate));
            return scored.stream().limit(limit).map(Scored::candidate).toList();
        }
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
