import type { EstablishmentCategory, LegalStatus, Role } from '@vigie/database';

/**
 * Demo data for `npm start`: two regions, a few establishments, one user per role. AP-HP and the Pitié-
 * Salpêtrière carry their real FINESS numbers; the centres hospitaliers of Ajaccio and Bastia carry invented
 * numbers that pass the FINESS check, and the establishments marked "(fictif)" are invented altogether.
 */
export const DEMO_LEGAL_ENTITIES: { finess: string; name: string; legalStatus: LegalStatus }[] = [
  { finess: '750712184', name: 'Assistance Publique - Hôpitaux de Paris', legalStatus: 'public' },
  { finess: '930000021', name: 'Groupe de cliniques des Lilas (fictif)', legalStatus: 'private_for_profit' },
  { finess: '2A0000014', name: 'Centre hospitalier d’Ajaccio', legalStatus: 'public' },
  { finess: '2B0000020', name: 'Centre hospitalier de Bastia', legalStatus: 'public' },
];

export const DEMO_GHTS: { name: string; regionCode: string }[] = [
  { name: 'GHT AP-HP', regionCode: '11' },
  { name: 'GHT de Corse', regionCode: '94' },
];

export const DEMO_ESTABLISHMENTS: {
  finess: string;
  name: string;
  category: EstablishmentCategory;
  legalEntityFiness: string;
  ght?: string;
  bedCount: number;
}[] = [
  {
    finess: '750100125',
    name: 'Hôpital Pitié-Salpêtrière',
    category: 'chu',
    legalEntityFiness: '750712184',
    ght: 'GHT AP-HP',
    bedCount: 1600,
  },
  {
    finess: '920000015',
    name: 'Clinique des Hauts-de-Seine (fictif)',
    category: 'private_clinic',
    legalEntityFiness: '930000021',
    bedCount: 140,
  },
  {
    finess: '770000040',
    name: 'EHPAD Les Tilleuls (fictif)',
    category: 'ehpad',
    legalEntityFiness: '930000021',
    bedCount: 84,
  },
  {
    finess: '2A0000030',
    name: 'CH d’Ajaccio - site de la Miséricorde (fictif)',
    category: 'ch',
    legalEntityFiness: '2A0000014',
    ght: 'GHT de Corse',
    bedCount: 420,
  },
  {
    finess: '2B0000046',
    name: 'CH de Bastia - site de Falconaja (fictif)',
    category: 'ch',
    legalEntityFiness: '2B0000020',
    ght: 'GHT de Corse',
    bedCount: 380,
  },
];

/** Printed at start: demo passwords are not secrets, and the demo refuses to run in production. */
export const DEMO_USERS: {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  regionCode?: string;
  establishmentFiness?: string[];
}[] = [
  {
    email: 'analyste.idf@demo.vigie.local',
    displayName: 'Analyste ARS Île-de-France',
    password: 'demo-analyste-2026',
    role: 'regional_analyst',
    regionCode: '11',
  },
  {
    email: 'rssi.pitie@demo.vigie.local',
    displayName: 'RSSI Pitié-Salpêtrière',
    password: 'demo-rssi-pitie-2026',
    role: 'establishment_ciso',
    establishmentFiness: ['750100125'],
  },
  {
    email: 'rssi.corse@demo.vigie.local',
    displayName: 'RSSI GHT de Corse',
    password: 'demo-rssi-corse-2026',
    role: 'establishment_ciso',
    establishmentFiness: ['2A0000030', '2B0000046'],
  },
];

/**
 * Configurations the Pitié-Salpêtrière demo "uploaded": an SSH bastion with a legacy drop-in and a weak Windows
 * password policy, audited by a scan at start, so findings and contradictions show at once.
 */
export const DEMO_CONFIGURATIONS: {
  finess: string;
  kind: 'sshd' | 'secedit';
  label: string;
  entry: string;
  files: Record<string, string>;
}[] = [
  {
    finess: '750100125',
    kind: 'sshd',
    label: 'Bastion SSH de la DMZ (démonstration)',
    entry: 'sshd_config',
    files: {
      sshd_config:
        'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nPasswordAuthentication no\nX11Forwarding yes\n',
      'sshd_config.d/50-prestataire.conf':
        '# Ajouté par le prestataire lors de la migration\nPermitRootLogin yes\nPasswordAuthentication yes\nMaxAuthTries 10\n',
    },
  },
  {
    finess: '750100125',
    kind: 'secedit',
    label: 'Stratégie du domaine AD (démonstration)',
    entry: 'stratégie.inf',
    files: {
      'stratégie.inf':
        '[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordAge = 0\r\nMaximumPasswordAge = -1\r\nMinimumPasswordLength = 8\r\nPasswordComplexity = 1\r\nPasswordHistorySize = 0\r\nLockoutBadCount = 0\r\nClearTextPassword = 0\r\n',
    },
  },
];

/**
 * What the Pitié-Salpêtrière declares about the measures its uploaded configurations bear on: confident answers
 * that the demo scan contradicts (the bastion's drop-in allows root and passwords; the domain policy has no
 * lockout), so the score caps them and lists the contradictions, as a real establishment would see it.
 */
export const DEMO_DECLARED_ANSWERS: { finess: string; measureId: string; level: 3 | 4; comment: string }[] = [
  {
    finess: '750100125',
    measureId: 'MCS.09',
    level: 4,
    comment: 'Bastion SSH durci : connexion root et mots de passe interdits (démonstration)',
  },
  {
    finess: '750100125',
    measureId: 'IDENT.06',
    level: 3,
    comment: 'Politique de mots de passe imposée par GPO sur tout le domaine (démonstration)',
  },
];
