import { describe, expect, it } from 'vitest';
import { isTransientPostgresError } from './transient.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientPostgresError', () => {
  it.each([
    ['serialization_failure', pgError('40001')],
    ['deadlock_detected', pgError('40P01')],
    ['lock_not_available', pgError('55P03')],
    ['admin_shutdown', pgError('57P01')],
    ['cannot_connect_now', pgError('57P03')],
    ['connection_failure', pgError('08006')],
    ['too_many_connections', pgError('53300')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', pgError('ECONNRESET', 'read ECONNRESET')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['every address refusing', new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')])],
    ['a wrapped one', new Error('store failed', { cause: pgError('40P01') })],
  ])('retries %s', (_name, err) => {
    expect(isTransientPostgresError(err)).toBe(true);
  });

  it.each([
    ['unique_violation', pgError('23505')],
    ['a statement timeout', pgError('57014')],
    ['undefined_table', pgError('42P01')],
    ['invalid_password', pgError('28P01')],
    ['a plain error', new Error('boom')],
    ['nothing', null],
  ])('does not retry %s', (_name, err) => {
    expect(isTransientPostgresError(err)).toBe(false);
  });
});
