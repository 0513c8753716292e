// The Technopark Network Platform's API for TypeScript: every path, parameter, body and answer is typed from the
// gateway's OpenAPI document (src/generated/schema.d.ts, made by `npm run generate`).
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

export type { components, paths };
export type Schemas = components["schemas"];
/** Every error answer: application/problem+json. */
export type Problem = Schemas["Problem"];

export interface TechnoparkClientOptions {
  /** The gateway, e.g. http://localhost:8080. */
  baseUrl: string;
  /** A bearer token, or a function that gives the current one (called for each request). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** The language of problem titles and details: fr (the default), ar or en. */
  language?: "fr" | "ar" | "en";
  fetch?: typeof globalThis.fetch;
}

export type TechnoparkClient = Client<paths>;

/** A client whose calls are checked against the API at compile time: `client.GET("/api/v1/sites/{id}", ...)`. */
export function createTechnoparkClient(options: TechnoparkClientOptions): TechnoparkClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ""), fetch: options.fetch });
  const headers: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === "function" ? await options.token() : options.token;
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      if (options.language) {
        request.headers.set("Accept-Language", options.language);
      }
      return request;
    },
  };
  client.use(headers);
  return client;
}
