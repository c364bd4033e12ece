package dev.frontdoor.image.optimizer.service;

/** A validated {@code /_next/image} request. {@code local} URLs start with '/' and are fetched from our origin. */
public record ImageRequest(String url, boolean local, int width, int quality) {
}
