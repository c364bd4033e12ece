package dev.frontdoor.gateway.nextjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** next.config rules as data: what they answer, and which ones the gateway refuses at start-up, naming them. */
class NextRoutingRulesTest {

    private static final RuleRequest NOTHING = request(Map.of(), Map.of(), Map.of(), "example.com");

    private static RuleRequest request(Map<String, String> headers, Map<String, String> cookies,
                                       Map<String, String> query, String host) {
        return new RuleRequest() {
            public String header(String name) {
                return headers.get(name.toLowerCase());
            }

            public String cookie(String name) {
                return cookies.get(name);
            }

            public String query(String name) {
                return query.get(name);
            }

            public String host() {
                return host;
            }
        };
    }

    private static NextRoutingRules rules(String json) {
        return new NextRoutingRules(json, Map.of("https://api.example.com", "api"));
    }

    @Test
    void rewriteParametersGoToTheQueryOnlyWhenTheDestinationUsesNone() {
        assertEquals("/about?path=a&path=b", rewrite("/old-about/:path*", "/about", "/old-about/a/b", null));
        assertEquals("/x/y?q=1", rewrite("/docs/:path*", "/:path*", "/docs/x/y", "q=1"));
        assertEquals("/one?second=two", rewrite("/:first/:second", "/:first?second=:second", "/one/two", null));
    }

    private static String rewrite(String source, String destination, String path, String query) {
        return rules("{\"rewrites\": {\"beforeFiles\": [{\"source\": \"" + source + "\", \"destination\": \""
                + destination + "\"}]}}").beforeFiles(path, query, NOTHING).get().uri();
    }

    @Test
    void beforeFilesRewritesChainAndARewriteToAnotherOriginGoesToItsUpstream() {
        NextRoutingRules rules = rules("""
                {"rewrites": {"beforeFiles": [
                  {"source": "/a", "destination": "/b"},
                  {"source": "/b", "destination": "/c"},
                  {"source": "/api/:path*", "destination": "https://api.example.com/v2/:path*"}]}}""");
        assertEquals("/c", rules.beforeFiles("/a", null, NOTHING).get().uri());
        NextRoutingRules.Rewrite external = rules.beforeFiles("/api/users/7", "x=1", NOTHING).get();
        assertEquals("api", external.upstream());
        assertEquals("/v2/users/7?x=1", external.uri());
    }

    @Test
    void missingItemsMustNotMatchAndHostConditionsMatchTheHost() {
        NextRoutingRules rules = rules("""
                {"redirects": [
                  {"source": "/:path((?!another-page$).*)", "missing": [{"type": "header", "key": "x-do-not-redirect"}],
                   "permanent": false, "destination": "/another-page"},
                  {"source": "/another-page", "has": [{"type": "host", "value": "example.com"}],
                   "permanent": true, "destination": "https://www.example.com/another-page"}]}""");
        assertEquals(Optional.of(new NextRoutingRules.Redirect(307, "/another-page")), rules.redirect("/x", null, NOTHING));
        assertEquals(Optional.empty(), rules.redirect("/x", null,
                request(Map.of("x-do-not-redirect", "1"), Map.of(), Map.of(), "example.com")));
        assertEquals(308, rules.redirect("/another-page", null, NOTHING).get().status());
        assertEquals(Optional.empty(), rules.redirect("/another-page", null,
                request(Map.of(), Map.of(), Map.of(), "other.example")));
    }

    @Test
    void aBasePathPrefixesSourcesAndDestinationsUnlessARuleSaysFalse() {
        NextRoutingRules rules = rules("""
                {"basePath": "/docs", "redirects": [
                  {"source": "/with-basePath", "destination": "/another", "permanent": false},
                  {"source": "/without-basePath", "destination": "https://example.com", "basePath": false, "permanent": false}]}""");
        assertEquals("/docs/another", rules.redirect("/docs/with-basePath", null, NOTHING).get().location());
        assertEquals(Optional.empty(), rules.redirect("/with-basePath", null, NOTHING));
        assertEquals("https://example.com/", rules.redirect("/without-basePath", null, NOTHING).get().location());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\"}]} | redirects[0]: permanent (true or false) or statusCode is required",
            "{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"statusCode\": 200}]} | redirects[0]: statusCode must be one of",
            "{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b/:id\", \"permanent\": true}]} | redirects[0]: the destination uses :id",
            "{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"permanent\": true, \"locale\": true}]} | redirects[0]: locale must be false",
            "{\"redirects\": [{\"source\": \"a\", \"destination\": \"/b\", \"permanent\": true}]} | redirects[0]: source must be a string starting with /",
            "{\"redirects\": [{\"source\": \"/a/(\", \"destination\": \"/b\", \"permanent\": true}]} | redirects[0]: source",
            "{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"permanent\": true, \"has\": [{\"type\": \"body\", \"key\": \"k\"}]}]} | redirects[0].has[0]: has/missing type",
            "{\"rewrites\": [{\"source\": \"/a\", \"destination\": \"https://elsewhere.example/\"}]} | rewrites[0]: a rewrite to https://elsewhere.example needs that origin as an upstream",
            "{\"rewrites\": {\"early\": []}} | rewrites.early is not one of beforeFiles, afterFiles, fallback",
            "{\"headers\": [{\"source\": \"/a\", \"headers\": [{\"key\": \"x a\", \"value\": \"v\"}]}]} | headers[0].headers[0] is not a valid header",
            "{\"i18n\": {\"locales\": [\"en\"]}} | \"i18n\" is not supported",
            "{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"permanent\": true, \"regex\": \"x\"}]} | redirects[0]: \"regex\" is not supported here"})
    void aRuleTheGatewayCannotHonourIsRefusedByName(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rules(json));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
