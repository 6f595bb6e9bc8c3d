// A real OpenID provider for the single sign-on tests: panva's certified oidc-provider, with
// its development sign-in pages (any password is accepted; the login names the account).
//
//   node tests/sso/provider.mjs <port> <config.json>
//
// config.json (written by tests/sso/provider.py): {"client": {client_id, client_secret,
// redirect_uris}, "jwks": {"keys": [a private signing JWK]}, "accounts": "<accounts.json>"}.
// accounts.json maps a login to its claims ({email, email_verified, groups, ...}); it is read
// again at each sign-in, so a test can change someone's claims between two sign-ins.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, configPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const accounts = () => JSON.parse(readFileSync(config.accounts, 'utf8'));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    ...config.client,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: config.jwks,
  // Refuses an authorization without a PKCE challenge, so the tests show ours sends one.
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    groups: ['groups'],
  },
  cookies: { keys: ['sso-tests-only'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const claims = accounts()[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { ...claims, sub: id }; } };
  },
  // A company's own application: its people are not asked to consent, as at most providers.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`listening on ${port}`));
