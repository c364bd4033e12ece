package dev.frontdoor.testsupport.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

/**
 * The session-signing key of a local run or a test system: a P-256 key pair made once and kept (owner-only) in the
 * state folder, handed to auth-service through its environment. Production keys come from a secret store.
 */
final class LocalSigningKey {

    static final String KEY_ID = "local";

    private LocalSigningKey() {
    }

    static Map<String, String> environment(Path stateDir) {
        Path privateFile = stateDir.resolve("signing-key.pem");
        Path publicFile = stateDir.resolve("signing-key.pub.pem");
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(stateDir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            return Map.of("FRONTDOOR_AUTH_KEYS_ACTIVE", KEY_ID,
                    "FRONTDOOR_AUTH_KEYS_SIGNING_LOCAL_PRIVATE_KEY", Files.readString(privateFile),
                    "FRONTDOOR_AUTH_KEYS_SIGNING_LOCAL_PUBLIC_KEY", Files.readString(publicFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
