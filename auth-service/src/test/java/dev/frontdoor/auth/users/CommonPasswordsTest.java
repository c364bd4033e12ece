package dev.frontdoor.auth.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.users.service.CommonPasswords;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The compact common-password list finds every listed password, in any case, and nothing else. */
class CommonPasswordsTest {

    private static final CommonPasswords LIST = new CommonPasswords();

    @Test
    void everyListedPasswordIsFoundInAnyCase() throws Exception {
        List<String> listed;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Thread.currentThread()
                .getContextClassLoader().getResourceAsStream("dictionaries/passwords.txt"), StandardCharsets.UTF_8))) {
            listed = reader.lines().filter(line -> !line.isBlank()).map(String::strip).toList();
        }
        assertTrue(listed.size() > 90_000, "the list is there: " + listed.size());
        long missing = listed.stream().filter(p -> !LIST.contains(p) || !LIST.contains(p.toUpperCase(Locale.ROOT)))
                .count();
        assertEquals(0, missing);
    }

    @Test
    void otherPasswordsAreNotFound() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[6 + i % 10];
            random.nextBytes(bytes);
            assertFalse(LIST.contains("x" + HexFormat.of().formatHex(bytes)));
        }
        assertFalse(LIST.contains(null));
        assertTrue(LIST.contains("Password"));
        assertFalse(LIST.contains("Tr0ub4dor&3-horse-battery"));
    }
}
