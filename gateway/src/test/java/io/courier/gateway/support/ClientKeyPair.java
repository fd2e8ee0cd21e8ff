package io.courier.gateway.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * What a chat client does with keys, as the replaced system's browsers did with WebCrypto: an RSA-OAEP 2048
 * key pair with SHA-256, both halves exported as JSON Web Keys, messages encrypted to each member's public key.
 */
public final class ClientKeyPair {

    private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final Map<String, Object> publicJwk;
    private final Map<String, Object> privateJwk;

    private ClientKeyPair(Map<String, Object> publicJwk, Map<String, Object> privateJwk) {
        this.publicJwk = publicJwk;
        this.privateJwk = privateJwk;
    }

    public static ClientKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            java.security.KeyPair pair = generator.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();
            Map<String, Object> publicJwk = new LinkedHashMap<>();
            publicJwk.put("kty", "RSA");
            publicJwk.put("alg", "RSA-OAEP-256");
            publicJwk.put("ext", true);
            publicJwk.put("key_ops", java.util.List.of("encrypt"));
            publicJwk.put("n", b64(pub.getModulus()));
            publicJwk.put("e", b64(pub.getPublicExponent()));
            Map<String, Object> privateJwk = new LinkedHashMap<>(publicJwk);
            privateJwk.put("key_ops", java.util.List.of("decrypt"));
            privateJwk.put("d", b64(priv.getPrivateExponent()));
            privateJwk.put("p", b64(priv.getPrimeP()));
            privateJwk.put("q", b64(priv.getPrimeQ()));
            privateJwk.put("dp", b64(priv.getPrimeExponentP()));
            privateJwk.put("dq", b64(priv.getPrimeExponentQ()));
            privateJwk.put("qi", b64(priv.getCrtCoefficient()));
            return new ClientKeyPair(publicJwk, privateJwk);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> publicJwk() {
        return publicJwk;
    }

    public Map<String, Object> privateJwk() {
        return privateJwk;
    }

    /** The private exponent: the secret that must never be readable in the server's database. */
    public String secretPart() {
        return (String) privateJwk.get("d");
    }

    /** Encrypts to the holder of a public JWK (as fetched from the server); base64 ciphertext. */
    public static String encryptTo(Map<String, ?> publicJwk, String plaintext) {
        try {
            RSAPublicKeySpec spec = new RSAPublicKeySpec(num(publicJwk.get("n")), num(publicJwk.get("e")));
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(spec), OAEP_SHA256);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts with a private JWK (as fetched back from the server). */
    public static String decryptWith(Map<String, ?> privateJwk, String base64Ciphertext) {
        try {
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(num(privateJwk.get("n")), num(privateJwk.get("e")),
                    num(privateJwk.get("d")), num(privateJwk.get("p")), num(privateJwk.get("q")),
                    num(privateJwk.get("dp")), num(privateJwk.get("dq")), num(privateJwk.get("qi")));
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, KeyFactory.getInstance("RSA").generatePrivate(spec), OAEP_SHA256);
            return new String(cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }

    private static BigInteger num(Object base64url) {
        return new BigInteger(1, UNB64.decode((String) base64url));
    }
}
