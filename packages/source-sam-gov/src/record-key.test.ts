import { describe, expect, it } from 'vitest';
import { samGovRecordKey } from './record-key.js';
import { samGov } from './source.js';
import { fixtureJson, SAMPLE_IBM, SAMPLE_REGISTRATION } from './test-support.js';
import type { SamGovEntity } from './types.js';

const sample = (name: string) => (fixtureJson(name) as { entityData: SamGovEntity[] }).entityData[0]!;

/** The recorded registration as a second one of the same UEI would come: another EFT indicator and CAGE code. */
function withEft(entity: SamGovEntity, eft: string | null | undefined, cageCode = '9ZZ99'): SamGovEntity {
  return {
    ...entity,
    entityRegistration: { ...entity.entityRegistration, entityEFTIndicator: eft, cageCode },
  };
}

describe('the record key', () => {
  it('is the bare UEI for a registration without an EFT indicator, as the recorded ones are', () => {
    for (const name of [SAMPLE_REGISTRATION, SAMPLE_IBM]) {
      expect(sample(name).entityRegistration.entityEFTIndicator).toBeNull();
      expect(samGovRecordKey(sample(name))).toBe('ZQGGHJH74DW7');
    }
    expect(samGovRecordKey(withEft(sample(SAMPLE_IBM), '   '))).toBe('ZQGGHJH74DW7');
    expect(samGovRecordKey(withEft(sample(SAMPLE_IBM), undefined))).toBe('ZQGGHJH74DW7');
  });

  it('adds the EFT indicator, so every registration of a UEI has its own key', () => {
    const first = sample(SAMPLE_IBM);
    const second = withEft(first, '0001');
    expect(samGovRecordKey(second)).toBe('ZQGGHJH74DW7+0001');
    expect(samGovRecordKey(withEft(first, ' 0002 ', '855J5'))).toBe('ZQGGHJH74DW7+0002');
    // The CAGE code is not part of it: a registration keeps its key when its CAGE code changes.
    expect(samGovRecordKey(withEft(first, '0001', 'AAAAA'))).toBe(samGovRecordKey(second));
    expect(samGov({ apiKey: 'k', ueis: ['ZQGGHJH74DW7'] }).recordKey(second)).toBe('ZQGGHJH74DW7+0001');
  });
});
