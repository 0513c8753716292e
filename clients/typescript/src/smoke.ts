// Calls one public and one authenticated operation through the typed client; prints what it got as JSON and
// exits non-zero when an answer is not the expected one. Used by the system tests:
//   node build/smoke.js <gateway-url> <admin-token>
import { createTechnoparkClient } from "./index.js";

const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) {
  console.error("usage: node build/smoke.js <gateway-url> <token>");
  process.exit(2);
}

const anonymous = createTechnoparkClient({ baseUrl });
const coverage = await anonymous.GET("/api/v1/network/coverage");
const admin = createTechnoparkClient({ baseUrl, token });
const startups = await admin.GET("/api/v1/startups", { params: { query: { limit: 5 } } });
const refused = await anonymous.GET("/api/v1/startups", { params: { query: { limit: 5 } } });

const result = {
  public: { status: coverage.response.status, targetCities: coverage.data?.targets?.cities },
  authenticated: { status: startups.response.status, items: startups.data?.items?.length },
  anonymous: { status: refused.response.status, problem: refused.error?.title },
};
console.log(JSON.stringify(result));
const ok = result.public.status === 200 && result.authenticated.status === 200 && result.anonymous.status === 401;
process.exit(ok ? 0 : 1);
