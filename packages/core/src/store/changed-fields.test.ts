import { describe, expect, it } from 'vitest';
import { changedFields } from './changed-fields.js';

describe('changedFields', () => {
  it('names top-level fields added, removed and modified, sorted; key order and equal nested values are no change', () => {
    expect(
      changedFields(
        '{"b":1,"a":{"x":[1,2],"y":2},"gone":true,"z":null}',
        '{"a":{"y":2,"x":[1,2]},"b":2,"new":0,"z":{}}',
      ),
    ).toEqual({ added: ['new'], removed: ['gone'], modified: ['b', 'z'] });
  });

  it('reports a payload that is not an object as a whole ($)', () => {
    expect(changedFields('[1,2]', '[1,3]')).toEqual({ added: [], removed: [], modified: ['$'] });
    expect(changedFields('{"a":1}', '7')).toEqual({ added: [], removed: [], modified: ['$'] });
  });
});
