package com.shopkhaos.model.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Suggested fixes: the stock codes a person most likely meant, never applied by themselves. */
class FixSuggestionsTest {
    private static final List<String> CODES = List.of("SCARF-MER-GRY", "SCARF-CASH-RED", "HAT-BEANIE-NVY", "MUG-0042", "BK-KNIT-01",
            "TSHIRT-ORG-BLK-M", "TSHIRT-ORG-BLK-L");

    @Test
    void caseSpacesDashesAndLeadingZeros_areIgnored_beforeDistanceCounts() {
        assertThat(FixSuggestions.nearest("scarf mer gry", CODES, 3)).first().isEqualTo("SCARF-MER-GRY");
        assertThat(FixSuggestions.nearest("MUG42", CODES, 3)).first().isEqualTo("MUG-0042");
        assertThat(FixSuggestions.nearest("BK_KNIT_1", CODES, 3)).first().isEqualTo("BK-KNIT-01");
    }

    @Test
    void aTypo_findsTheCode_andTheClosestComeFirst() {
        assertThat(FixSuggestions.nearest("TSHIRT-ORG-BLK-XL", CODES, 2)).containsExactly("TSHIRT-ORG-BLK-L", "TSHIRT-ORG-BLK-M");
        assertThat(FixSuggestions.nearest("HAT-BEANY-NVY", CODES, 3)).containsExactly("HAT-BEANIE-NVY");
    }

    @Test
    void nothingPlausible_suggestsNothing() {
        assertThat(FixSuggestions.nearest("UMBRELLA-GOLF", CODES, 3)).isEmpty();
        assertThat(FixSuggestions.nearest("  ", CODES, 3)).isEmpty();
    }
}
