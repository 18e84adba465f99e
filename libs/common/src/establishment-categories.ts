export const ESTABLISHMENT_CATEGORIES = [
  'chu',
  'ch',
  'private_clinic',
  'espic',
  'clcc',
  'psychiatric',
  'ehpad',
  'had',
  'smr',
  'other',
] as const;
export type EstablishmentCategory = (typeof ESTABLISHMENT_CATEGORIES)[number];

/** French labels, for content users read. */
export const ESTABLISHMENT_CATEGORY_LABELS: Record<EstablishmentCategory, string> = {
  chu: 'Centre hospitalier universitaire (CHU)',
  ch: 'Centre hospitalier (CH)',
  private_clinic: 'Clinique privée',
  espic: 'Établissement de santé privé d’intérêt collectif (ESPIC)',
  clcc: 'Centre de lutte contre le cancer (CLCC)',
  psychiatric: 'Établissement psychiatrique',
  ehpad: 'EHPAD',
  had: 'Hospitalisation à domicile (HAD)',
  smr: 'Soins médicaux et de réadaptation (SMR)',
  other: 'Autre',
};
