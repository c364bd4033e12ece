package dev.frontdoor.image.optimizer.service;

import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bounded pool every libvips transformation runs on: one worker per core (or {@code workers}) and a short queue
 * ({@code queue-size}). A full pool answers 503 with {@code Retry-After} at once instead of queueing without limit,
 * so a burst of large images cannot starve the rest of the service; a transformation that outlives
 * {@code transform-timeout} answers 503 and finishes alone (native code cannot be interrupted; the pool bounds it).
 * <p>
 * Misses are admitted before anything is fetched ({@link #admit}): a request that would find no worker and no queue
 * place is refused at once, instead of after its original has been downloaded and held in memory.
 */
@ApplicationScoped
public class TransformPool {

    private final ThreadPoolExecutor workers;
    private final Duration deadline;
    /** One per worker and queue place: what {@link #admit} hands out. */
    private final Semaphore places;

    /** A place on the pool, held from before the fetch until the transformation is done. */
    public final class Ticket implements AutoCloseable {
        private boolean released;

        private Ticket() {
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                places.release();
            }
        }
    }

    @Inject
    public TransformPool(ImageConfig config) {
        this(config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors(), config.queueSize(),
                config.transformTimeout());
    }

    TransformPool(int size, int queue, Duration deadline) {
        this.deadline = deadline;
        this.places = new Semaphore(size + queue);
        this.workers = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), Thread.ofPlatform().name("image-worker-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * A place for one miss, or 503 with {@code Retry-After} at once when every worker and queue place is taken.
     * Close it when the transformation is done (or was not needed).
     */
    public Ticket admit() {
        if (!places.tryAcquire()) {
            throw busy();
        }
        return new Ticket();
    }

    /** Whether {@link #admit} would succeed now (a hint: another request may take the place first). */
    public boolean hasFreePlace() {
        return places.availablePermits() > 0;
    }

    /** The answer for a request that finds every place taken. */
    public static ProblemException busy() {
        return new ProblemException(Problem.of(503, "Service Unavailable",
                "The image service is busy. Try again shortly."), Map.of("Retry-After", "1"));
    }

    /** Runs {@code work} on a worker; its unchecked exceptions are rethrown as they are. */
    public <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = workers.submit(work);
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ProblemException.of(503, "Service Unavailable", "The image took too long to transform.");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw ProblemException.of(503, "Service Unavailable", "The image service is shutting down.");
        }
    }

    /** Transformations waiting for a worker. */
    int queued() {
        return workers.getQueue().size();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
