package dev.frontdoor.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.e2e.ProdLikeRunning;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL stopped for 10 s and started again while the users create and edit posts. */
@ExtendWith(ProdLikeRunning.class)
class PostgresFaultIT {

    private static ProdLikeSystem topology() {
        return ProdLikeRunning.system();
    }

    @Test
    void aStoppedDatabaseIsAnswered503AndLosesNothingCommitted() throws Exception {
        MixedLoad load = MixedLoad.start(topology(), 6, 14, 90);
        load.awaitMore(30);
        long from = System.nanoTime();
        ProdLikeRunning.stores().stopPostgres();
        try {
            Thread.sleep(10_000); // the outage itself
        } finally {
            ProdLikeRunning.stores().startPostgres();
        }
        long back = System.nanoTime();
        load.awaitMore(60);
        MixedLoad.Report report = load.stop();
        List<MixedLoad.Result> during = report.between(from, back);
        // Every request was answered, in time: 2xx, or 503 where the database was needed; never a 500, a hang
        // (the clients' timeout is 30 s) or a lost connection.
        List<MixedLoad.Result> wrong = report.results().stream()
                .filter(r -> r.status() < 200 || r.status() == 500 || (r.status() >= 500 && r.status() != 503)
                        || (r.status() >= 400 && r.status() < 500 && r.status() != 409))
                .toList();
        long answered503 = report.results().stream().filter(r -> r.status() == 503).count();
        // After the restart: how long until every kind of request worked again.
        long lastFailure = report.results().stream().filter(r -> r.status() >= 500 && r.startNanos() > back)
                .mapToLong(MixedLoad.Result::startNanos).max().orElse(back);
        FaultFigures.record("PostgreSQL stopped for 10 s, then started", report, wrong.size(), MixedLoad.Report.p99(during),
                answered503 + " answered 503 + Retry-After meanwhile; all well " + Math.max(0, lastFailure - back) / 1_000_000
                        + " ms after PostgreSQL was back");
        assertTrue(wrong.isEmpty(), FaultChecks.describe(wrong) + " — " + report.summary());
        FaultChecks.noWriteLostOrDoubled(report);
        FaultChecks.usersUnharmed(load);
    }
}
