package dev.frontdoor.image.optimizer.service;

/** What the optimizer answers: bytes, their media type and extension, and how long they may be cached. */
public record OptimizedImage(byte[] bytes, String mediaType, String extension, long maxAgeSeconds) {
}
