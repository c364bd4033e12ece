package dev.frontdoor.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.e2e.ProdLikeRunning;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/** What every fault test checks after its load: nothing committed lost, nothing applied twice, users unharmed. */
final class FaultChecks {

    private FaultChecks() {
    }

    static void noWriteLostOrDoubled(MixedLoad.Report report) throws Exception {
        Map<String, Integer> rows;
        try (Connection db = ProdLikeRunning.stores().adminConnection()) {
            rows = report.rowsPerTitle(db);
        }
        rows.forEach((title, count) -> assertEquals(1, count, "post \"" + title + "\" was applied " + count + " times"));
        for (String created : report.createdTitles()) {
            assertTrue(rows.containsKey(created), "post \"" + created + "\" got 201 and is gone");
        }
    }

    static void usersUnharmed(MixedLoad load) {
        List<String> wrong = load.checkUsersAfterwards();
        assertTrue(wrong.isEmpty(), "after the fault: " + wrong);
    }

    static String describe(List<MixedLoad.Result> failures) {
        return failures.size() + " failed: " + failures.stream().limit(15).map(r -> r.op() + " " + r.status() + " "
                + r.millis() + "ms " + (r.detail() == null ? "" : r.detail())).toList();
    }
}
