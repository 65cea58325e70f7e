import { describe, expect, it } from 'vitest';
import { checkBinding, isLoopback, resolveUiToken, sameSecret, sessionValue } from './token.js';

const TOKEN = 'a-long-enough-ui-token-1234';

describe('the UI token', () => {
  it('comes from --token, else FRESHET_UI_TOKEN, else there is none', () => {
    expect(resolveUiToken(TOKEN, { FRESHET_UI_TOKEN: 'other-token-0123456789' })).toBe(TOKEN);
    expect(resolveUiToken(undefined, { FRESHET_UI_TOKEN: TOKEN })).toBe(TOKEN);
    expect(resolveUiToken(undefined, { FRESHET_UI_TOKEN: '' })).toBeNull();
    expect(resolveUiToken(undefined, {})).toBeNull();
  });

  it('must be 16 characters or more, and the refusal does not repeat it', () => {
    expect(() => resolveUiToken('short-secret', {})).toThrow(/at least 16 characters/);
    expect(() => resolveUiToken('short-secret', {})).not.toThrow(/short-secret/);
  });

  it('is refused when blank or padded with blanks, from the flag or the environment, without repeating it', () => {
    const padded = `  ${TOKEN}\n`;
    for (const bad of [' '.repeat(16), '\t'.repeat(20), padded, `${TOKEN} `]) {
      for (const resolve of [
        () => resolveUiToken(bad, {}),
        () => resolveUiToken(undefined, { FRESHET_UI_TOKEN: bad }),
      ]) {
        expect(resolve).toThrow(/the UI token .* (is blank|starts or ends with a blank)/);
        expect(resolve).toThrow(/openssl rand -hex 16/);
        expect(resolve).not.toThrow(TOKEN);
      }
    }
    expect(() => resolveUiToken(undefined, { FRESHET_UI_TOKEN: ' '.repeat(16) })).toThrow(/FRESHET_UI_TOKEN/);
    expect(() => resolveUiToken(' '.repeat(16), {})).toThrow(/--token/);
  });

  it('is required to bind beyond loopback', () => {
    expect(() => checkBinding('0.0.0.0', null)).toThrow(
      /needs a token: set FRESHET_UI_TOKEN or pass --token/,
    );
    expect(() => checkBinding('192.168.1.20', null)).toThrow(/needs a token/);
    expect(() => checkBinding('0.0.0.0', TOKEN)).not.toThrow();
    expect(() => checkBinding('127.0.0.1', null)).not.toThrow();
  });

  it('knows loopback names', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', 'example.com', '::', '127.example.com']) {
      expect(isLoopback(host)).toBe(false);
    }
  });

  it('compares secrets of any length without throwing, and derives a session value', () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret('x', TOKEN)).toBe(false);
    expect(sameSecret(undefined, TOKEN)).toBe(false);
    expect(sessionValue(TOKEN)).not.toContain(TOKEN);
    expect(sessionValue(TOKEN)).toBe(sessionValue(TOKEN));
    expect(sessionValue(TOKEN)).not.toBe(sessionValue(`${TOKEN}x`));
  });
});
