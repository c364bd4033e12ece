package dev.frontdoor.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control for one upstream, as Envoy's circuit breakers do it: at most {@code max-in-flight} requests are
 * forwarded at once, at most {@code max-waiting} more wait up to {@code max-wait} for a slot, and anything beyond is
 * refused at once (the caller answers 503 with {@code Retry-After}). A slow or stuck upstream then costs the gateway
 * a bounded number of connections and the client a fast answer, instead of piling every request onto it.
 *
 * <p>A freed slot is handed directly to the oldest waiter, so a waiter is never overtaken by a request that arrived
 * later and nothing is counted twice. Every {@link #enter} that admits must be followed by exactly one
 * {@link #leave}.
 */
final class UpstreamAdmission {

    /** Why a request was not admitted: the metric's {@code reason} tag. */
    enum Refusal {
        /** Every slot busy and the waiting room full (or no waiting allowed). */
        IN_FLIGHT("max-in-flight"),
        /** Waited {@code max-wait} without a slot freeing. */
        WAIT_TIMEOUT("max-wait");

        final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    /** What happens to one request: exactly one of the two is called, on the request's own context. */
    interface Decision {
        void admitted();

        void refused(Refusal reason);
    }

    private static final class Waiter {
        final Context context;
        final Decision decision;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile long timer = -1;

        Waiter(Context context, Decision decision) {
            this.context = context;
            this.decision = decision;
        }
    }

    private final int maxInFlight;
    private final int maxWaiting;
    private final long maxWaitMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Queue<Waiter> queue = new ConcurrentLinkedQueue<>();
    private final Counter refusedInFlight;
    private final Counter refusedWaitTimeout;

    UpstreamAdmission(String upstream, int maxInFlight, int maxWaiting, long maxWaitMillis, MeterRegistry registry) {
        this.maxInFlight = maxInFlight;
        this.maxWaiting = maxWaiting;
        this.maxWaitMillis = maxWaitMillis;
        this.refusedInFlight = refusals(registry, upstream, Refusal.IN_FLIGHT);
        this.refusedWaitTimeout = refusals(registry, upstream, Refusal.WAIT_TIMEOUT);
        Gauge.builder("gateway_upstream_in_flight", inFlight, AtomicInteger::get)
                .description("Requests forwarded to the upstream and not finished yet")
                .tag("upstream", upstream).register(registry);
        Gauge.builder("gateway_upstream_waiting", waiting, AtomicInteger::get)
                .description("Requests waiting for an in-flight slot of the upstream")
                .tag("upstream", upstream).register(registry);
    }

    private static Counter refusals(MeterRegistry registry, String upstream, Refusal reason) {
        return Counter.builder("gateway_upstream_refused")
                .description("Requests answered 503 at once because the upstream's admission limits were reached")
                .tag("upstream", upstream).tag("reason", reason.tag).register(registry);
    }

    /**
     * Admits the request now, makes it wait, or refuses it. Runs on the request's event loop; the decision is called
     * on it too.
     */
    void enter(Vertx vertx, Decision decision) {
        if (tryTake()) {
            decision.admitted();
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            refusedInFlight.increment();
            decision.refused(Refusal.IN_FLIGHT);
            return;
        }
        Waiter waiter = new Waiter(vertx.getOrCreateContext(), decision);
        queue.add(waiter);
        // A slot may have been freed between the failed take and the enqueue, with nobody in the queue to get it.
        if (tryTake()) {
            if (settle(waiter)) {
                decision.admitted();
            } else {
                leave(); // handed a slot meanwhile as well: give the extra one back
            }
            return;
        }
        waiter.timer = vertx.setTimer(maxWaitMillis, id -> {
            if (settle(waiter)) {
                refusedWaitTimeout.increment();
                decision.refused(Refusal.WAIT_TIMEOUT);
            }
        });
    }

    /** A request that was admitted has finished (answered, failed or abandoned): its slot goes to the next waiter. */
    void leave() {
        Waiter next;
        while ((next = queue.poll()) != null) {
            if (settle(next)) {
                Waiter handedOver = next;
                if (handedOver.timer >= 0) {
                    handedOver.context.owner().cancelTimer(handedOver.timer);
                }
                handedOver.context.runOnContext(v -> handedOver.decision.admitted());
                return; // the slot passes to the waiter: in-flight stays as it is
            }
        }
        inFlight.decrementAndGet();
    }

    /** A waiter gives up (its client went away): it neither takes a slot nor gets refused. */
    void abandon(Decision decision) {
        for (Waiter waiter : queue) {
            if (waiter.decision == decision && settle(waiter)) {
                queue.remove(waiter);
                if (waiter.timer >= 0) {
                    waiter.context.owner().cancelTimer(waiter.timer);
                }
                return;
            }
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    private boolean settle(Waiter waiter) {
        if (waiter.settled.compareAndSet(false, true)) {
            waiting.decrementAndGet();
            return true;
        }
        return false;
    }

    private boolean tryTake() {
        while (true) {
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }
}
