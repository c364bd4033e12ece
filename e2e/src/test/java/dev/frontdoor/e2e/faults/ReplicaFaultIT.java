package dev.frontdoor.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.e2e.ProdLikeRunning;
import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import dev.frontdoor.testsupport.system.Service;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replicas dying (SIGKILL) and a rolling restart (SIGTERM, one instance at a time, as a Deployment rollout does),
 * under the steady mixed load, on the production-like topology.
 */
@ExtendWith(ProdLikeRunning.class)
class ReplicaFaultIT {

    private static final List<Service> ORDER = List.of(Service.AUTH, Service.CONTENT, Service.IMAGE, Service.GATEWAY);

    private static ProdLikeSystem topology() {
        return ProdLikeRunning.system();
    }

    @Test
    void aKilledReplicaFailsNoReadAndAppliesNoWriteTwice() throws Exception {
        MixedLoad load = MixedLoad.start(topology(), 6, 10, 150);
        load.awaitMore(30);
        List<long[]> windows = new ArrayList<>();
        List<Long> recoveries = new ArrayList<>();
        for (Service service : ORDER) {
            FrontdoorSystem.Instance victim = topology().system().instances(service).get(1);
            long from = System.nanoTime();
            victim.process().destroyForcibly().waitFor();
            load.awaitMore(20);
            long restart = System.nanoTime();
            topology().restart(service, 1);
            recoveries.add((System.nanoTime() - restart) / 1_000_000);
            load.awaitMore(20);
            windows.add(new long[] {from, System.nanoTime()});
        }
        MixedLoad.Report report = load.stop();
        List<MixedLoad.Result> failed = report.failures();
        List<MixedLoad.Result> during = new ArrayList<>();
        windows.forEach(w -> during.addAll(report.between(w[0], w[1])));
        FaultFigures.record("a replica killed (SIGKILL), each service's and a gateway's in turn, then restarted", report,
                failed.size(), MixedLoad.Report.p99(during),
                "ready again " + recoveries.stream().mapToLong(Long::longValue).max().orElse(0) / 100 / 10.0
                        + " s after restart at most; traffic only once ready");
        assertTrue(failed.isEmpty(), FaultChecks.describe(failed) + " — " + report.summary());
        FaultChecks.noWriteLostOrDoubled(report);
        FaultChecks.usersUnharmed(load);
    }

    @Test
    void aRollingRestartFailsNothing() throws Exception {
        MixedLoad load = MixedLoad.start(topology(), 6, 11, 240);
        load.awaitMore(30);
        long from = System.nanoTime();
        long slowest = 0;
        for (Service service : ORDER) {
            for (int index = 0; index < ProdLikeSystem.INSTANCES; index++) {
                topology().stopGracefully(service, index);
                long restart = System.nanoTime();
                topology().restart(service, index);
                slowest = Math.max(slowest, (System.nanoTime() - restart) / 1_000_000);
                load.awaitMore(10);
            }
        }
        long to = System.nanoTime();
        MixedLoad.Report report = load.stop();
        List<MixedLoad.Result> failed = new ArrayList<>(report.failures());
        // A rollout refuses nothing either: no write may even be answered 502/503.
        report.results().stream().filter(r -> r.status() == 502 || r.status() == 503).filter(r -> !failed.contains(r))
                .forEach(failed::add);
        FaultFigures.record("rolling restart (SIGTERM), all 8 instances one by one", report, failed.size(),
                MixedLoad.Report.p99(report.between(from, to)),
                "each instance ready " + slowest / 100 / 10.0 + " s after its restart at most");
        assertTrue(failed.isEmpty(), FaultChecks.describe(failed) + " — " + report.summary());
        FaultChecks.noWriteLostOrDoubled(report);
        FaultChecks.usersUnharmed(load);
    }
}
