package dev.frontdoor.image.cache;

/** How a result was served, sent as {@code X-Cache} (and {@code X-Nextjs-Cache}, for Next.js clients). */
public enum CacheStatus {
    /** Fresh from the cache. */
    HIT,
    /** Made for this request (or joined to an identical request that was making it). */
    MISS,
    /** Expired, served while one refresh runs in the background. */
    STALE
}
