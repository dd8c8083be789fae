// A small OpenID Connect provider on loopback that stands in for Google in tests: discovery,
// authorize (a form where the test chooses the account), token (authorization code + PKCE,
// client_secret_basic or _post), userinfo and JWKS, with RS256-signed ID tokens. next-auth's
// Google provider talks to it unchanged; only GOOGLE_ISSUER points it here.
// Plain JavaScript so scripts/e2e-server.mjs can start it in-process; types in oidc-provider.d.mts.
import { createHash, generateKeyPairSync, randomBytes, sign as signBytes } from "node:crypto";
import { createServer } from "node:http";

const b64url = (buf) => Buffer.from(buf).toString("base64url");
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res, status, body, headers = {}) {
  const isJson = typeof body !== "string";
  res.writeHead(status, { "content-type": isJson ? "application/json" : "text/html; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(isJson ? JSON.stringify(body) : body);
}

/**
 * @param {{ port?: number, host?: string, clients: { clientId: string, clientSecret: string }[] }} options
 */
export async function startOidcProvider({ port = 0, host = "127.0.0.1", clients }) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = b64url(randomBytes(8));
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const codes = new Map(); // code -> grant
  const tokens = new Map(); // access token -> claims
  let issuer = "";

  function idToken(claims, clientId, nonce) {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const payload = b64url(JSON.stringify({ iss: issuer, aud: clientId, iat: now, exp: now + 600, ...(nonce ? { nonce } : {}), ...claims }));
    const signature = b64url(signBytes("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey));
    return `${header}.${payload}.${signature}`;
  }

  function clientFrom(req, form) {
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    const auth = req.headers.authorization;
    if (auth?.startsWith("Basic ")) {
      const [u, p] = Buffer.from(auth.slice(6), "base64").toString("utf8").split(":");
      id = decodeURIComponent(u);
      secret = decodeURIComponent(p ?? "");
    }
    return clients.find((c) => c.clientId === id && c.clientSecret === secret) ?? null;
  }

  function authorizeParams(q) {
    const client = clients.find((c) => c.clientId === q.get("client_id"));
    if (!client) return { error: "unknown client_id" };
    if (q.get("response_type") !== "code") return { error: "response_type must be code" };
    const redirectUri = q.get("redirect_uri");
    if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return { error: "redirect_uri is required" };
    if (!(q.get("scope") ?? "").split(" ").includes("openid")) return { error: "scope must include openid" };
    return { client, redirectUri };
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", issuer);
      if (url.pathname === "/.well-known/openid-configuration") {
        return send(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          scopes_supported: ["openid", "email", "profile"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          code_challenge_methods_supported: ["S256"],
          claims_supported: ["sub", "email", "email_verified", "name", "iss", "aud", "exp", "iat", "nonce"],
        });
      }
      if (url.pathname === "/jwks") return send(res, 200, { keys: [jwk] });

      if (url.pathname === "/authorize" && req.method === "GET") {
        const check = authorizeParams(url.searchParams);
        if (check.error) return send(res, 400, `<p>${escapeHtml(check.error)}</p>`);
        const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
        return send(
          res,
          200,
          `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<main><h1>Sign in with the test identity provider</h1>
<form method="post" action="/authorize">${hidden}
<p><label>E-mail <input name="email" type="email" required></label></p>
<p><label>Name <input name="name"></label></p>
<p><label>Subject <input name="sub" placeholder="derived from the e-mail"></label></p>
<p><label><input type="checkbox" name="email_verified" value="true" checked> E-mail verified</label></p>
<p><button type="submit">Continue</button></p>
</form></main></body></html>`,
        );
      }

      if (url.pathname === "/authorize" && req.method === "POST") {
        const form = await readForm(req);
        const check = authorizeParams(form);
        if (check.error) return send(res, 400, `<p>${escapeHtml(check.error)}</p>`);
        const email = (form.get("email") ?? "").trim().toLowerCase();
        const sub = form.get("sub")?.trim() || `sub-${createHash("sha256").update(email).digest("hex").slice(0, 16)}`;
        const claims = { sub, email, email_verified: form.get("email_verified") === "true", name: form.get("name")?.trim() || undefined };
        const code = b64url(randomBytes(24));
        codes.set(code, {
          clientId: check.client.clientId,
          redirectUri: check.redirectUri,
          codeChallenge: form.get("code_challenge"),
          nonce: form.get("nonce"),
          claims,
          expires: Date.now() + 60_000,
        });
        const back = new URL(check.redirectUri);
        back.searchParams.set("code", code);
        if (form.get("state")) back.searchParams.set("state", form.get("state"));
        back.searchParams.set("iss", issuer);
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }

      if (url.pathname === "/token" && req.method === "POST") {
        const form = await readForm(req);
        const client = clientFrom(req, form);
        if (!client) return send(res, 401, { error: "invalid_client" });
        if (form.get("grant_type") !== "authorization_code") return send(res, 400, { error: "unsupported_grant_type" });
        const code = form.get("code") ?? "";
        const grant = codes.get(code);
        codes.delete(code); // single use
        if (!grant || grant.expires < Date.now() || grant.clientId !== client.clientId || grant.redirectUri !== form.get("redirect_uri")) {
          return send(res, 400, { error: "invalid_grant" });
        }
        if (grant.codeChallenge) {
          const verifier = form.get("code_verifier") ?? "";
          if (b64url(createHash("sha256").update(verifier).digest()) !== grant.codeChallenge) return send(res, 400, { error: "invalid_grant", error_description: "PKCE" });
        }
        const accessToken = b64url(randomBytes(24));
        tokens.set(accessToken, grant.claims);
        return send(res, 200, {
          access_token: accessToken,
          token_type: "Bearer",
          expires_in: 600,
          scope: "openid email profile",
          id_token: idToken(grant.claims, client.clientId, grant.nonce),
        });
      }

      if (url.pathname === "/userinfo") {
        const claims = tokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
        return claims ? send(res, 200, claims) : send(res, 401, { error: "invalid_token" });
      }
      return send(res, 404, "<p>Not found</p>");
    } catch (err) {
      return send(res, 500, { error: "server_error", error_description: String(err?.message ?? err) });
    }
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  issuer = `http://${host}:${server.address().port}`;
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
