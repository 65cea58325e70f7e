import { describe, expect, it } from 'vitest';
import { extractApiMessage, isHtmlBody } from './api-message.js';

describe('isHtmlBody', () => {
  it('recognises HTML by content type or by the body', () => {
    expect(isHtmlBody('oops', { 'content-type': 'text/html; charset=utf-8' })).toBe(true);
    expect(isHtmlBody('\n <!doctype html><p>x', {})).toBe(true);
    expect(isHtmlBody('<html>', {})).toBe(true);
    expect(isHtmlBody('{"detail":"<b>"}', { 'content-type': 'application/json' })).toBe(false);
  });
});

describe('extractApiMessage', () => {
  it('prefers detail, then message, then error, and skips non-strings', () => {
    expect(extractApiMessage('{"message":"m","detail":"d"}', {})).toBe('d');
    expect(extractApiMessage('{"error":true,"message":"m"}', {})).toBe('m');
    expect(extractApiMessage('{"error":"e"}', {})).toBe('e');
  });

  it('falls back to the X-Status-Reason header, then the raw text', () => {
    expect(extractApiMessage('{"error":true}', { 'x-status-reason': 'Invalid query' })).toBe('Invalid query');
    expect(extractApiMessage('{"count":0}', {})).toBe('{"count":0}');
    expect(extractApiMessage('', {})).toBeUndefined();
  });

  it('says nothing for HTML pages unless the header explains', () => {
    expect(extractApiMessage('<html><body>Error</body></html>', {})).toBeUndefined();
    expect(extractApiMessage('<html></html>', { 'x-status-reason': 'Bad q' })).toBe('Bad q');
  });
});
