// End-to-end encryption with WebCrypto, compatible with every Courier client: one RSA-OAEP key pair
// (2048 bits, SHA-256) per member and conversation, both halves as JSON Web Keys; a message is
// encrypted once per member, to that member's public key, and sent as standard base64.

const RSA_OAEP = { name: "RSA-OAEP", hash: "SHA-256" };

/** RSA-OAEP with a 2048-bit modulus and SHA-256 carries at most 256 - 2 * 32 - 2 bytes of plaintext. */
export const MAX_PLAINTEXT_BYTES = 190;

/**
 * A fresh key pair for one conversation, both halves exported as JWK objects for the server to keep.
 *
 * The private half goes to the server as a bare JWK so that another device of the same user can read the
 * conversation. The server seals it at rest, but it can read it: a production client must wrap it first
 * (for example AES-KW under a key derived from a passphrase the server never sees, sent as a string, which
 * the protocol accepts) and unwrap it here.
 */
export async function generateKeyPair() {
  const pair = await crypto.subtle.generateKey(
    { ...RSA_OAEP, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["encrypt", "decrypt"],
  );
  const [publicKey, privateKey] = await Promise.all([
    crypto.subtle.exportKey("jwk", pair.publicKey),
    crypto.subtle.exportKey("jwk", pair.privateKey),
  ]);
  return { publicKey, privateKey, decryptionKey: pair.privateKey };
}

/** The decrypting half back from the JWK the server returned; not extractable again. */
export function importPrivateKey(jwk) {
  if (typeof jwk !== "object" || jwk === null) {
    throw new Error("This example client cannot open a wrapped private key");
  }
  return crypto.subtle.importKey("jwk", withoutUsages(jwk), RSA_OAEP, false, ["decrypt"]);
}

export function importPublicKey(jwk) {
  return crypto.subtle.importKey("jwk", withoutUsages(jwk), RSA_OAEP, false, ["encrypt"]);
}

/** {userId: base64 ciphertext} for every member in {@code publicKeys} ({userId: JWK}). */
export async function encryptForMembers(text, publicKeys) {
  const plaintext = new TextEncoder().encode(text);
  if (plaintext.length > MAX_PLAINTEXT_BYTES) {
    throw new Error(`A message may hold at most ${MAX_PLAINTEXT_BYTES} bytes of UTF-8`);
  }
  const entries = await Promise.all(Object.entries(publicKeys).map(async ([userId, jwk]) => {
    const key = await importPublicKey(jwk);
    return [userId, toBase64(await crypto.subtle.encrypt(RSA_OAEP, key, plaintext))];
  }));
  return Object.fromEntries(entries);
}

export async function decrypt(base64, privateKey) {
  const plaintext = await crypto.subtle.decrypt(RSA_OAEP, privateKey, fromBase64(base64));
  return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
}

// Keys made by other clients may list other operations or algorithm names (Java's "RSA-OAEP-256" is the
// JOSE name of exactly this algorithm); WebCrypto refuses those, so import only the key material.
function withoutUsages(jwk) {
  const { key_ops: _ops, alg: _alg, ...material } = jwk;
  return material;
}

function toBase64(buffer) {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
