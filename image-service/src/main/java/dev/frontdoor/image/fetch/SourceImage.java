package dev.frontdoor.image.fetch;

/**
 * The fetched original: its bytes, how long its upstream allows it to be cached (seconds, 0 if unsaid), and the
 * share of the {@link OriginalsBudget} it holds until closed (once it has been transformed).
 */
public record SourceImage(byte[] bytes, long upstreamMaxAge, OriginalsBudget.Reservation reservation)
        implements AutoCloseable {

    @Override
    public void close() {
        reservation.close();
    }
}
