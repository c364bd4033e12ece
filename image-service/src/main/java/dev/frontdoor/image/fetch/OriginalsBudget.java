package dev.frontdoor.image.fetch;

import dev.frontdoor.image.config.ImageConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A bound on the bytes of originals held in memory across all fetches in flight. Each fetch may hold up to
 * {@code max-response-bytes}, and without a common bound a few hostile origins sending large or endless bodies at
 * once exhaust the heap (each alone is within its limit). Bytes are reserved before they are held: the declared
 * {@code Content-Length} at once, otherwise chunk by chunk (twice over, for the final copy into one array); a fetch
 * that cannot reserve stops reading, closes its connection and is answered 503 with {@code Retry-After}. The
 * reservation lasts until the original has been transformed.
 *
 * <p>Refusing rather than waiting or spooling to disk: a wait would hold the connection and the worker while the
 * budget is taken by exactly the slow, large fetches that exhausted it; a spool file would move the problem to the
 * disk and add a copy to every large miss. The client retries in a second, when the budget has usually freed up.
 */
@ApplicationScoped
public class OriginalsBudget {

    private static final Logger LOG = Logger.getLogger(OriginalsBudget.class);

    /** Bytes held by one fetch; release once, when its original is no longer needed. */
    public final class Reservation implements AutoCloseable {
        private long bytes;
        private boolean closed;

        private Reservation() {
        }

        /** Reserves {@code more} bytes for this fetch; false (nothing reserved) when the budget has no room. */
        public synchronized boolean grow(long more) {
            if (closed || !reserve(more)) {
                return false;
            }
            bytes += more;
            return true;
        }

        /** Gives back part of what this fetch reserved (e.g. the slack for a copy that is done). */
        public synchronized void shrink(long less) {
            long returned = Math.min(less, bytes);
            bytes -= returned;
            used.addAndGet(-returned);
        }

        @Override
        public synchronized void close() {
            closed = true;
            used.addAndGet(-bytes);
            bytes = 0;
        }
    }

    private final long capacity;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final Counter refusals;

    public OriginalsBudget(ImageConfig config, MeterRegistry registry) {
        this.capacity = config.originalsBudget() > 0 ? config.originalsBudget() : Runtime.getRuntime().maxMemory() / 4;
        if (capacity < config.maxResponseBytes()) {
            LOG.warnf("frontdoor.image.originals-budget (%d bytes) is below frontdoor.image.max-response-bytes (%d): "
                    + "originals larger than the budget are always refused with 503", capacity, config.maxResponseBytes());
        }
        Gauge.builder("image_originals_in_memory_bytes", used, AtomicLong::get)
                .description("Bytes of fetched originals held in memory now").baseUnit("bytes").register(registry);
        Gauge.builder("image_originals_budget_bytes", () -> capacity)
                .description("The most bytes of originals held in memory at once").baseUnit("bytes").register(registry);
        this.refusals = Counter.builder("image_originals_budget_refusals")
                .description("Fetches refused (503) because the originals budget was exhausted").register(registry);
    }

    /** A new, empty reservation for one fetch. */
    public Reservation open() {
        return new Reservation();
    }

    public long capacity() {
        return capacity;
    }

    /** The most bytes ever held at once since start (what the tests compare with the capacity). */
    public long peak() {
        return peak.get();
    }

    void refused() {
        refusals.increment();
    }

    private boolean reserve(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                peak.accumulateAndGet(current + bytes, Math::max);
                return true;
            }
        }
    }
}
