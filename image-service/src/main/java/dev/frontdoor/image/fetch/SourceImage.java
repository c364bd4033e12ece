package dev.frontdoor.image.fetch;

/** The fetched original: its bytes and how long its upstream allows it to be cached (seconds, 0 if unsaid). */
public record SourceImage(byte[] bytes, long upstreamMaxAge) {
}
