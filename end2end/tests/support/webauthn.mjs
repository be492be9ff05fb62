// Chromium's virtual authenticators (the DevTools protocol's WebAuthn domain), as the
// passkey tests use them.

/**
 * Gives `page`'s tab a platform authenticator that verifies the person, as a phone has
 * (internal transport, resident keys, user verification, presence answered at once).
 */
export async function addAuthenticator(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    /** The passkeys it holds. */
    async credentials() {
      return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    },
    /** Takes this authenticator away, as when a phone is lost. */
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    },
    /** Puts a passkey in, as when a passkey syncs to another device. */
    async add(credential) {
      await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    },
  };
}
