// Answers the usage API in the browser with the contract's own examples (docs/openapi.json).
import { readFileSync } from 'node:fs';

const contract = JSON.parse(readFileSync('docs/openapi.json', 'utf8'));

/** The 200 example of `GET path` in the contract. */
export function example(path, method = 'get') {
  return structuredClone(contract.paths[path][method].responses['200'].content['application/json'].example);
}

/** Points the app at /api/v1 and answers every endpoint from the contract, with overrides. */
export async function useContractApi(page, overrides = {}, config = {}) {
  const seen = [];
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { api_base_url: '/api/v1', request_timeout_ms: 4000, ...config } }),
  );
  await page.route('**/api/v1/**', async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.replace(/^\/api\/v1/, '');
    seen.push({ method: route.request().method(), path, query: url.searchParams, headers: route.request().headers() });
    const custom = overrides[path];
    if (custom) return custom(route, url);
    const key = path.startsWith('/credits/recalculate/') ? '/credits/recalculate/{job_id}' : path;
    const method = route.request().method().toLowerCase();
    const op = contract.paths[key]?.[method];
    if (!op) return route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'No such endpoint.' } } });
    return route.fulfill({ json: op.responses['200'].content['application/json'].example });
  });
  return seen;
}

