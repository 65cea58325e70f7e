import { readFileSync } from 'node:fs';

/** A recorded sample from `test/fixtures/`, as text (byte for byte). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

export const SAMPLE_REGISTRATION = 'fac-uei-lookup-v3-entityRegistration.json';
export const SAMPLE_IBM = 'fac-uei-lookup-v3-ibm-entityRegistration-coreData.json';
export const RESPONSE_CODES_DOC = 'opengsa-doc-http-response-codes.html.txt';
