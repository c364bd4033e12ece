package dev.frontdoor.auth.keys.service;

import dev.frontdoor.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

/**
 * The ES256 keys that sign session tokens. One key signs; every configured key verifies, so a new key can be
 * published (and trusted by the gateway) before it becomes active, and an old one kept until its tokens expire.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final String activeKeyId;
    private final PrivateKey activePrivateKey;
    private final Map<String, PublicKey> publicKeys;
    private final String jwksJson;

    public SigningKeys(AuthConfig config) {
        Map<String, PublicKey> publics = new LinkedHashMap<>();
        Map<String, PrivateKey> privates = new LinkedHashMap<>();
        config.keys().signing().forEach((kid, key) -> {
            key.privateKey().map(SigningKeys::parsePrivate).ifPresent(p -> privates.put(kid, p));
            publics.put(kid, parsePublic(key.publicKey()));
        });
        String active = config.keys().active().orElse(privates.size() == 1 ? privates.keySet().iterator().next() : null);
        if (privates.isEmpty() && config.keys().generateIfMissing()) {
            KeyPair pair = generate();
            active = "dev-" + Long.toHexString(System.nanoTime());
            privates.put(active, pair.getPrivate());
            publics.put(active, pair.getPublic());
            LOG.warn("No signing key configured: generated an ephemeral development key; sessions end at restart.");
        }
        if (active == null || !privates.containsKey(active)) {
            throw new IllegalStateException("No active signing key: set frontdoor.auth.keys.active and "
                    + "frontdoor.auth.keys.signing.<kid>.private-key (PKCS#8 PEM of a P-256 key)");
        }
        this.activeKeyId = active;
        this.activePrivateKey = privates.get(active);
        this.publicKeys = Map.copyOf(publics);
        this.jwksJson = toJwks(publics);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public PrivateKey activePrivateKey() {
        return activePrivateKey;
    }

    public Map<String, PublicKey> publicKeys() {
        return publicKeys;
    }

    /** The JSON Web Key Set of every verifying key (public parts only). */
    public String jwksJson() {
        return jwksJson;
    }

    public List<JsonWebKey> jsonWebKeys() {
        return publicKeys.entrySet().stream().map(e -> toJwk(e.getKey(), e.getValue())).toList();
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toJwks(Map<String, PublicKey> keys) {
        JsonWebKeySet set = new JsonWebKeySet();
        keys.forEach((kid, key) -> set.addJsonWebKey(toJwk(kid, key)));
        return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static JsonWebKey toJwk(String kid, PublicKey key) {
        EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((ECPublicKey) key);
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        jwk.setAlgorithm("ES256");
        return jwk;
    }

    private static PrivateKey parsePrivate(String pem) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a signing private key is not a PKCS#8 PEM EC key", e);
        }
    }

    private static PublicKey parsePublic(String pem) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a signing public key is not an X.509 PEM EC key", e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
