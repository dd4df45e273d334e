/**
 * API answers the server puts into the page for its first screen (`<script type="application/json" id="first-data">`,
 * server/src/web/first-screen.ts): the home page's catalogue and a procedure page's procedure are on the phone with the
 * HTML, not one round trip after the script (issue 12, LCP). Each answer is keyed by its API path and sorted query, and
 * is used for the first screen only — later visits of the same page ask the server again.
 */
type Query = Record<string, string | number | boolean | undefined>;

let answers: Record<string, unknown> | null = null;

/** `/api/catalog/procedures` + {limit: 20, distinct: 'code'} → `/api/catalog/procedures?distinct=code&limit=20`. */
export function firstDataKey(path: string, query: Query = {}): string {
  const params = Object.entries(query)
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return params.length ? `${path}?${params.join('&')}` : path;
}

function all(): Record<string, unknown> {
  if (answers) return answers;
  answers = {};
  if (typeof document === 'undefined') return answers;
  try {
    const text = document.getElementById('first-data')?.textContent;
    if (text) answers = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A page without usable data fetches as usual.
  }
  return answers;
}

/**
 * The answer the server sent with the page for this request, or undefined (then fetch it). Read in a state initialiser
 * (a render may run more than once before it shows); the page forgets it once shown, see forgetFirstData.
 */
export function firstData<T>(key: string): T | undefined {
  const store = all();
  return key in store ? (store[key] as T) : undefined;
}

/** Called once the page showed the answer: coming back to the page later asks the server again. */
export function forgetFirstData(key: string): void {
  delete all()[key];
}

/** The server: the answers a synchronous render (renderToString) may take, for the duration of that render only. */
export function withFirstData<R>(data: Record<string, unknown>, render: () => R): R {
  const before = answers;
  answers = { ...data };
  try {
    return render();
  } finally {
    answers = before;
  }
}
