import type { SourceColumns } from '@freshet/core';

/** Entity registration fields that exports give typed columns; other sections stay in the payload JSON. */
export const SAM_GOV_COLUMNS = {
  'entityRegistration.ueiSAM': 'string',
  'entityRegistration.cageCode': 'string',
  'entityRegistration.legalBusinessName': 'string',
  'entityRegistration.dbaName': 'string',
  'entityRegistration.registrationStatus': 'string',
  'entityRegistration.registrationDate': 'date',
  'entityRegistration.lastUpdateDate': 'date',
  'entityRegistration.registrationExpirationDate': 'date',
  'entityRegistration.activationDate': 'date',
  'entityRegistration.ueiStatus': 'string',
  'entityRegistration.purposeOfRegistrationCode': 'string',
} as const satisfies SourceColumns;
