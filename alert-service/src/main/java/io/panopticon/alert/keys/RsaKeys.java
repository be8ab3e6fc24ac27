package io.panopticon.alert.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Generating, reading and encoding RSA keys. */
final class RsaKeys {

	private static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";

	private RsaKeys() {
	}

	static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No RSA in this JVM", ex);
		}
	}

	/**
	 * @param pemOrPath PKCS#8 PEM text or a file holding it
	 * @return the key pair (the public key derived from the private one)
	 */
	static KeyPair readPrivateKey(String pemOrPath) {
		String pem = pemOrPath;
		if (!pem.contains(PEM_HEADER)) {
			try {
				pem = Files.readString(Path.of(pemOrPath.trim()), StandardCharsets.US_ASCII);
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException(
						"PANOPTICON_JWT_PRIVATE_KEY is neither PKCS#8 PEM text nor a readable file: " + pemOrPath, ex);
			}
		}
		int start = pem.indexOf(PEM_HEADER);
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (start < 0 || end < start) {
			throw new IllegalStateException("PANOPTICON_JWT_PRIVATE_KEY is not a PEM 'PRIVATE KEY' (PKCS#8) block");
		}
		try {
			byte[] der = Base64.getDecoder()
				.decode(pem.substring(start + PEM_HEADER.length(), end).replaceAll("\\s", ""));
			return pair(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)).getEncoded());
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("PANOPTICON_JWT_PRIVATE_KEY is not a readable RSA private key", ex);
		}
	}

	/**
	 * @param pkcs8 an RSA private key in PKCS#8 DER
	 * @return it and its public key
	 */
	static KeyPair pair(byte[] pkcs8) {
		try {
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new KeyPair(publicKey, privateKey);
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalStateException("not an RSA private key with CRT parameters", ex);
		}
	}

	static RSAPublicKey publicKey(byte[] x509) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(x509));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a stored public key is not readable", ex);
		}
	}

	static RSAPrivateKey privateKey(KeyPair pair) {
		return (RSAPrivateKey) pair.getPrivate();
	}

}
