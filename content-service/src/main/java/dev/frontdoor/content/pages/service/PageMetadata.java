package dev.frontdoor.content.pages.service;

/**
 * What a page puts in its {@code <head>}, like Next.js's {@code metadata} / {@code generateMetadata}: the title
 * (already through the site's "%s | Site" template), description, canonical URL, Open Graph and Twitter card
 * fields, optional JSON-LD (already escaped for a script element), {@code robots} and the route template that Web
 * Vitals are reported under.
 */
public record PageMetadata(String title, String description, String canonical, String ogType, String image,
                           Integer imageWidth, Integer imageHeight, String publishedTime, String modifiedTime,
                           String jsonLd, String robots, String route) {
}
