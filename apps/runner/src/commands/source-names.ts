import { ErrorCodes, FreshetError } from '@freshet/core';

/** Every name a scaffolded source is known by, derived from the one given. */
export interface SourceNames {
  /** The source id in partition keys: `acme_grants`. */
  id: string;
  /** The factory: `acmeGrants`. */
  camel: string;
  /** Type names: `AcmeGrants`. */
  pascal: string;
  /** Constants: `ACME_GRANTS`. */
  constant: string;
  /** The npm package: `freshet-source-acme-grants`, or the one `--package` gives. */
  packageName: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// Core's rule for a source id (partitions/partition-key.ts): at most 32 characters.
const MAX_ID_LENGTH = 32;
// npm's rules for a package name, scoped or not (lower case, URL-safe, at most 214 characters).
const PACKAGE = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
// The factory is named after the source; these cannot name a function.
const RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(
    ' ',
  ),
);

const refuse = (message: string) => new FreshetError(ErrorCodes.CONFIG_INVALID, message);

/** Checks `name` (`acme-grants`) and derives the others; `packageName` overrides the npm name. */
export function sourceNames(name: string, packageName?: string): SourceNames {
  if (name.startsWith('freshet-source-') || name.includes('/')) {
    const short = name.replace(/^.*\//, '').replace(/^(freshet-)?source-/, '');
    throw refuse(
      `${JSON.stringify(name)} is a package name; give the source's short name, like ${JSON.stringify(short)} (the package is named freshet-source-<name>, or pass --package)`,
    );
  }
  if (!NAME.test(name)) {
    throw refuse(
      `${JSON.stringify(name)} is not a source name: use lower-case letters, digits and single "-" between words, starting with a letter, like "acme-grants"`,
    );
  }
  const id = name.replaceAll('-', '_');
  if (id.length > MAX_ID_LENGTH) {
    throw refuse(
      `${JSON.stringify(name)} is ${id.length} characters; a source id has at most ${MAX_ID_LENGTH}`,
    );
  }
  const words = name.split('-');
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const camel = words[0] + words.slice(1).map(capital).join('');
  if (RESERVED.has(camel)) {
    throw refuse(
      `${JSON.stringify(name)} is a JavaScript keyword, which cannot name the factory; choose another name`,
    );
  }
  const pkg = packageName ?? `freshet-source-${name}`;
  if (!PACKAGE.test(pkg) || pkg.length > 214) {
    throw refuse(
      `--package ${JSON.stringify(pkg)} is not an npm package name: lower case, like "freshet-source-${name}" or "@acme/source-${name}"`,
    );
  }
  return {
    id,
    camel,
    pascal: words.map(capital).join(''),
    constant: id.toUpperCase(),
    packageName: pkg,
  };
}
