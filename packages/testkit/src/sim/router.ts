import type { Route } from './types.js';

interface CompiledRoute {
  route: Route;
  methods: readonly string[];
  pattern: RegExp;
  names: string[];
  label: string;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string>; label: string }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'notFound' };

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const methods = (typeof route.method === 'string' ? [route.method] : route.method).map((m) =>
    m.toUpperCase(),
  );
  return {
    route,
    methods,
    pattern: new RegExp(`^${source}$`),
    names,
    label: `${methods.join('|')} ${route.path}`,
  };
}

/** Exact path matching (trailing slashes matter, as they do for Django's USAspending). */
export class Router {
  readonly #routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.#routes = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const compiled of this.#routes) {
      const m = compiled.pattern.exec(path);
      if (!m) continue;
      if (!compiled.methods.includes(method.toUpperCase())) {
        allowed.push(...compiled.methods);
        continue;
      }
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { kind: 'found', route: compiled.route, params, label: compiled.label };
    }
    return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'notFound' };
  }
}
