import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * For the benchmarks: a fresh P-256 key, its JWK set written to the file named by the first argument, and a
 * session token (ES256, the claims auth-service issues) signed with it on standard output. JDK only, so it runs
 * as a source file: {@code java bench/MintSession.java /tmp/jwks.json}.
 */
public final class MintSession {

    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        String kid = "bench";
        Files.writeString(Path.of(args[0]), "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid
                + "\",\"alg\":\"ES256\",\"use\":\"sig\",\"x\":\"" + coordinate(publicKey.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(publicKey.getW().getAffineY()) + "\"}]}");
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"frontdoor\",\"sub\":\"" + UUID.randomUUID() + "\",\"sid\":\""
                + UUID.randomUUID() + "\",\"groups\":[\"user\"],\"iat\":" + now + ",\"exp\":" + (now + 86_400) + "}");
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        System.out.println(header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
