/**
 * A seeded PRNG (sfc32, seeded through splitmix32) and the helpers simulators need to make
 * plausible data. Same seed, same sequence, on every platform: only 32-bit integer maths.
 */

/** Hashes strings and numbers into a 32-bit seed (FNV-1a over the parts' text). */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${typeof part}:${part}|`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

// UEIs use digits and letters except I and O (too like 1 and 0), and never start with 0.
const UEI_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const UEI_FIRST = UEI_CHARS.slice(1);

const FIRST_NAMES = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Wei',
  'Karen',
  'Daniel',
  'Lisa',
  'Matthew',
  'Nancy',
  'Anthony',
  'Sandra',
  'Mark',
  'Ashley',
  'Priya',
  'Emily',
  'Steven',
  'Michelle',
  'Andrew',
  'Amanda',
  'Joshua',
  'Melissa',
  'Kenneth',
  'Deborah',
  'Kevin',
  'Suzie',
  'Brian',
  'Laura',
  'Hiroshi',
  'Rebecca',
  'Jose',
  'Sharon',
  'Ahmed',
  'Cynthia',
  'Changhai',
  'Olga',
];
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Chen',
  'Wang',
  'Patel',
  'Kim',
  'Cui',
  'Pun',
  'Tanaka',
  'Kowalski',
  'Okafor',
  'Schmidt',
];

export interface PersonName {
  first: string;
  /** An initial (`R`, `H.`) or empty. */
  middle: string;
  last: string;
  /** `First M. Last`, or `First  Last` (two spaces) when there is no middle name, as NIH prints it. */
  full: string;
}

const DAY_MS = 86_400_000;

export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number | string) {
    const next = splitmix32(typeof seed === 'number' ? seed : hashSeed(seed));
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    // Warm up: the first outputs of sfc32 correlate with the seed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A new generator whose stream depends on this one's seed path and `label` only. */
  static derive(seed: number, ...labels: ReadonlyArray<string | number>): Rng {
    return new Rng(hashSeed(seed, ...labels));
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. For hot loops use `weightedPicker`. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return weightedPicker(entries)(this);
  }

  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** `k` distinct indices from [0, n), ascending (Floyd's algorithm: O(k) memory). */
  sample(n: number, k: number): number[] {
    if (k > n || k < 0) throw new RangeError(`cannot sample ${k} of ${n}`);
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = this.int(0, j);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen].sort((x, y) => x - y);
  }

  /** A string of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  /** A SAM.gov Unique Entity ID: 12 characters, A–Z and 0–9 without I or O, not starting with 0. */
  uei(): string {
    let out = UEI_FIRST[this.int(0, UEI_FIRST.length - 1)] as string;
    for (let i = 1; i < 12; i++) out += UEI_CHARS[this.int(0, UEI_CHARS.length - 1)];
    return out;
  }

  firstName(): string {
    return this.pick(FIRST_NAMES);
  }

  lastName(): string {
    return this.pick(LAST_NAMES);
  }

  person(): PersonName {
    const first = this.firstName();
    const last = this.lastName();
    const roll = this.next();
    const initial = String.fromCharCode(65 + this.int(0, 25));
    const middle = roll < 0.4 ? `${initial}.` : roll < 0.7 ? initial : '';
    return { first, middle, last, full: middle ? `${first} ${middle} ${last}` : `${first}  ${last}` };
  }

  /** A UTC instant in [from, to). */
  dateBetween(from: Date, to: Date): Date {
    return new Date(Math.floor(this.float(from.getTime(), to.getTime())));
  }

  /** A UTC day (epoch days) in [fromDay, toDay], both inclusive. */
  dayBetween(fromDay: number, toDay: number): number {
    return this.int(fromDay, toDay);
  }

  /** A UTC midnight in the window, as `YYYY-MM-DD`. */
  ymdBetween(from: Date, to: Date): string {
    const day = this.dayBetween(Math.floor(from.getTime() / DAY_MS), Math.floor(to.getTime() / DAY_MS));
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
}

/** Precomputes cumulative weights so each pick costs one draw and a short scan. */
export function weightedPicker<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight > 0)) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new RangeError('weighted pick needs a positive weight');
  return (rng) => {
    const r = rng.next() * total;
    for (let i = 0; i < cumulative.length; i++) {
      if (r < (cumulative[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  };
}
