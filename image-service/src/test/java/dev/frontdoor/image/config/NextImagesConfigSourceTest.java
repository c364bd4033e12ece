package dev.frontdoor.image.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A next.config images object, as JSON.stringify writes it, read as this service's settings. */
class NextImagesConfigSourceTest {

    @Test
    void theReferenceAppsImagesSettingsMapToOurs() {
        // ../shared/peers/nextjs/next.config.ts, serialised (a URL object becomes its string).
        Map<String, String> properties = NextImagesConfigSource.properties("""
                {"remotePatterns": ["http://127.0.0.1:3001/**"], "dangerouslyAllowLocalIP": true,
                 "formats": ["image/avif", "image/webp"], "deviceSizes": [640, 750, 828, 1080, 1200, 1920, 2048, 3840],
                 "imageSizes": [32, 48, 64, 96, 128, 256, 384], "qualities": [75], "minimumCacheTTL": 14400,
                 "loader": "custom", "loaderFile": "./frontdoor-loader.js"}""");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("frontdoor.image.remote-patterns[0].protocol", "http");
        expected.put("frontdoor.image.remote-patterns[0].hostname", "127.0.0.1");
        expected.put("frontdoor.image.remote-patterns[0].port", "3001");
        expected.put("frontdoor.image.remote-patterns[0].pathname", "/**");
        expected.put("frontdoor.image.dangerously-allow-local-ip", "true");
        expected.put("frontdoor.image.formats", "image/avif,image/webp");
        expected.put("frontdoor.image.device-sizes", "640,750,828,1080,1200,1920,2048,3840");
        expected.put("frontdoor.image.image-sizes", "32,48,64,96,128,256,384");
        expected.put("frontdoor.image.qualities", "75");
        expected.put("frontdoor.image.minimum-cache-ttl", "14400S");
        assertEquals(expected, properties);
    }

    @Test
    void patternObjectsAndTheResponseSettingsMapToo() {
        Map<String, String> properties = NextImagesConfigSource.properties("""
                {"remotePatterns": [{"protocol": "https:", "hostname": "**.example.com", "pathname": "/account123/**",
                                     "search": "?v=1"}],
                 "localPatterns": [{"pathname": "/assets/images/**", "search": ""}],
                 "dangerouslyAllowSVG": true, "contentDispositionType": "inline",
                 "contentSecurityPolicy": "default-src 'self'; script-src 'none'; sandbox;", "maximumRedirects": 0}""");
        assertEquals("https", properties.get("frontdoor.image.remote-patterns[0].protocol"));
        assertEquals("**.example.com", properties.get("frontdoor.image.remote-patterns[0].hostname"));
        assertEquals("?v=1", properties.get("frontdoor.image.remote-patterns[0].search"));
        assertEquals("/assets/images/**", properties.get("frontdoor.image.local-patterns[0].pathname"));
        assertEquals("inline", properties.get("frontdoor.image.content-disposition-type"));
        assertEquals("true", properties.get("frontdoor.image.dangerously-allow-svg"));
        assertEquals("0", properties.get("frontdoor.image.maximum-redirects"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "{\"unoptimized\": true} => images.unoptimized is not supported",
            "{\"domains\": [\"example.com\"]} => images.domains is not supported (deprecated in Next.js: use remotePatterns)",
            "{\"deviceSizes\": [\"wide\"]} => images.deviceSizes must hold whole numbers",
            "{\"dangerouslyAllowSVG\": \"yes\"} => images.dangerouslyAllowSVG must be true or false",
            "{\"remotePatterns\": [{\"hostname\": \"a\", \"port\": \"1\", \"wildcard\": true}]} => images.remotePatterns[0].wildcard is not supported",
            "[1, 2] => the file must hold the images object"})
    void aSettingThisServiceCannotHonourIsRefusedByName(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NextImagesConfigSource.properties(json));
        assertTrue(e.getMessage().endsWith(message), e.getMessage());
    }
}
