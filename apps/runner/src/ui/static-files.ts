import { readFileSync } from 'node:fs';

/** The files under static/ that the pages load, with their content types. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'ui.css': 'text/css; charset=utf-8',
  'ui.js': 'text/javascript; charset=utf-8',
};

// Beside this module in the sources; the build bundles it into dist/ and copies static/ there too.
const STATIC_DIR = new URL('./static/', import.meta.url);

export interface StaticFile {
  name: string;
  contentType: string;
  body: string;
}

let loaded: StaticFile[] | null = null;

/**
 * The stylesheet and the script, read once: a package built without them fails when the UI
 * starts, not on the first page a browser asks for.
 */
export function staticFiles(): readonly StaticFile[] {
  loaded ??= Object.entries(CONTENT_TYPES).map(([name, contentType]) => ({
    name,
    contentType,
    body: readFileSync(new URL(name, STATIC_DIR), 'utf8'),
  }));
  return loaded;
}
