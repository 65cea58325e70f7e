import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../sim/shape.js';
import { fixtureJson } from '../test-support.js';
import { SamDataset } from './dataset.js';
import { buildEntity } from './record.js';

const fixture = (name: string) =>
  fixtureJson<{ entityData: Array<Record<string, unknown>> }>('sam-gov', name);

const IBM = fixture('fac-uei-lookup-v3-ibm-entityRegistration-coreData.json').entityData[0]!;
const REGISTRATION_ONLY = fixture('fac-uei-lookup-v3-entityRegistration.json').entityData[0]!;

const UEI = /^[1-9A-HJ-NP-Z][0-9A-HJ-NP-Z]{11}$/;
// Fields the sample has as values but a generated record may leave empty, as real ones do.
const NULLABLE = [
  'entityRegistration.cageCode',
  'entityRegistration.dbaName',
  'coreData.entityInformation.entityURL',
  'coreData.entityInformation.entityDivisionName',
  'coreData.entityInformation.entityDivisionNumber',
  'coreData.physicalAddress.zipCodePlus4',
  'coreData.mailingAddress.zipCodePlus4',
  'coreData.generalInformation.stateOfIncorporationCode',
  'coreData.generalInformation.stateOfIncorporationDesc',
];

const all = (ds: SamDataset) => ds.uei.map((_, i) => buildEntity(ds, i));

describe('SamDataset', () => {
  it('is the same for the same seed and different for another', () => {
    const a = new SamDataset({ seed: 3, entities: 50 });
    const b = new SamDataset({ seed: 3, entities: 50 });
    const c = new SamDataset({ seed: 4, entities: 50 });
    expect(JSON.stringify(all(a))).toBe(JSON.stringify(all(b)));
    expect(a.uei).not.toEqual(c.uei);
  });

  it('holds unique, well-formed UEIs in ascending order', () => {
    const ds = new SamDataset({ entities: 2_000 });
    expect(ds.size).toBe(2_000);
    expect(new Set(ds.uei).size).toBe(2_000);
    expect([...ds.uei].sort()).toEqual(ds.uei);
    for (const uei of ds.uei) expect(uei).toMatch(UEI);
    expect(ds.indexOf(ds.uei[7]!.toLowerCase())).toBe(7);
  });

  it('builds records in the shape of the real v3 samples', () => {
    const ds = new SamDataset({ entities: 300 });
    const nullable = NULLABLE;
    for (const entity of all(ds)) {
      const sectionsOnly = { entityRegistration: entity.entityRegistration, coreData: entity.coreData };
      expect(shapeDiff(IBM, sectionsOnly, { strictExtra: true, nullable })).toEqual([]);
      expect(
        shapeDiff(
          REGISTRATION_ONLY,
          { entityRegistration: entity.entityRegistration },
          { strictExtra: true, nullable },
        ),
      ).toEqual([]);
    }
  });

  it('keeps dates consistent: Active exactly when the registration has not expired', () => {
    const ds = new SamDataset({ entities: 500, asOf: '2025-06-30' });
    const statuses = new Set<string>();
    for (const entity of all(ds)) {
      const reg = entity.entityRegistration;
      statuses.add(reg.registrationStatus);
      expect(reg.registrationStatus).toBe(
        reg.registrationExpirationDate >= '2025-06-30' ? 'Active' : 'Inactive',
      );
      expect(reg.registrationDate <= reg.activationDate).toBe(true);
      expect(reg.activationDate <= reg.lastUpdateDate).toBe(true);
    }
    expect([...statuses].sort()).toEqual(['Active', 'Inactive']);
  });

  it('adds exactly one field to repsAndCerts in v4', () => {
    const ds = new SamDataset({ entities: 5 });
    const v3 = buildEntity(ds, 2, 'v3');
    const v4 = buildEntity(ds, 2, 'v4');
    expect(Object.keys(v4.repsAndCerts).filter((k) => !(k in v3.repsAndCerts))).toEqual([
      'exceedsDomesticThreshold',
    ]);
    expect({ ...v4, repsAndCerts: v3.repsAndCerts }).toEqual(v3);
  });

  it('mutate renews exactly round(fraction × size) entities and never changes a UEI', () => {
    const ds = new SamDataset({ entities: 200 });
    const before = all(ds);
    const { changed } = ds.mutate({ fraction: 0.1, seed: 9 });
    expect(changed).toHaveLength(20);
    expect([...changed].sort()).toEqual(changed);
    const after = all(ds);
    expect(after.map((e) => e.entityRegistration.ueiSAM)).toEqual(
      before.map((e) => e.entityRegistration.ueiSAM),
    );
    const differ = after.flatMap((e, i) =>
      JSON.stringify(e) === JSON.stringify(before[i]) ? [] : [e.entityRegistration.ueiSAM],
    );
    expect(differ).toEqual(changed);
    for (const uei of changed) {
      const entity = after[ds.indexOf(uei)!]!;
      expect(entity.entityRegistration.lastUpdateDate > '2025-06-30').toBe(true);
      expect(entity.entityRegistration.registrationStatus).toBe('Active');
    }
  });

  it('gives a seeded share of UEIs several registrations, each with its own EFT indicator and CAGE code', () => {
    const ds = new SamDataset({ seed: 5, entities: 1_000 });
    const multi = ds.uei.filter((_, i) => ds.registrationCount(i) > 1);
    // About 4% by default, the same UEIs for the same seed.
    expect(multi.length).toBeGreaterThanOrEqual(20);
    expect(multi.length).toBeLessThanOrEqual(70);
    const again = new SamDataset({ seed: 5, entities: 1_000 });
    expect(again.uei.filter((_, i) => again.registrationCount(i) > 1)).toEqual(multi);
    const single = new SamDataset({ seed: 5, entities: 1_000, multiRegistrationShare: 0 });
    for (const uei of multi) {
      const i = ds.indexOf(uei)!;
      const count = ds.registrationCount(i);
      expect(count).toBeLessThanOrEqual(3);
      const registrations = Array.from({ length: count }, (_, r) => buildEntity(ds, i, 'v3', r));
      expect(registrations.map((e) => e.entityRegistration.ueiSAM)).toEqual(registrations.map(() => uei));
      expect(registrations.map((e) => e.entityRegistration.entityEFTIndicator)).toEqual(
        [null, '0001', '0002'].slice(0, count),
      );
      const cages = registrations.slice(1).map((e) => e.entityRegistration.cageCode);
      expect(cages.every((c) => typeof c === 'string')).toBe(true);
      expect(new Set([registrations[0]!.entityRegistration.cageCode, ...cages]).size).toBe(count);
      expect(registrations[1]!.integrityInformation.entitySummary).toMatchObject({ cageCode: cages[0] });
      for (const entity of registrations) {
        const sections = { entityRegistration: entity.entityRegistration, coreData: entity.coreData };
        expect(shapeDiff(IBM, sections, { strictExtra: true, nullable: NULLABLE })).toEqual([]);
      }

      // The first registration is the record the UEI has without the others.
      expect(buildEntity(single, i)).toEqual(registrations[0]);
      expect(single.registrationCount(i)).toBe(1);
    }
    expect(() => new SamDataset({ multiRegistrationShare: 1.5 })).toThrow(/multiRegistrationShare/);
  });

  it('offers well-formed UEIs it does not hold', () => {
    const ds = new SamDataset({ entities: 100 });
    const missing = ds.missingUeis(30);
    expect(new Set(missing).size).toBe(30);
    for (const uei of missing) {
      expect(uei).toMatch(UEI);
      expect(ds.indexOf(uei)).toBeUndefined();
    }
    expect(ds.missingUeis(30)).toEqual(missing);
  });
});
