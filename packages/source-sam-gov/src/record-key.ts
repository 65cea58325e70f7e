import type { SamGovEntity } from './types.js';

/**
 * A registration's key: its UEI, and `+` its EFT indicator when it has one (`ZQGGHJH74DW7+0001`).
 * SAM.gov keeps one registration per UEI and EFT indicator (the former DUNS+4, an extra bank
 * account), and a look-up returns them all. The CAGE code is left out: it can be assigned or
 * changed after registration, which would make one registration look like a gone one and a new
 * one. A registration without an EFT indicator keeps the bare UEI, the key earlier versions used.
 */
export function samGovRecordKey(entity: SamGovEntity): string {
  const { ueiSAM, entityEFTIndicator } = entity.entityRegistration;
  const eft = typeof entityEFTIndicator === 'string' ? entityEFTIndicator.trim() : '';
  return eft === '' ? ueiSAM : `${ueiSAM}+${eft}`;
}
